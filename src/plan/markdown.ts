// The plan as Markdown, in the startups' language: a per-team summary for the pull request's job
// summary. Given the organization at the pull request's base, it shows only the teams whose summary
// changes, and one line of counts for the rest (a whole organization is 500 KB of Markdown).
import { formatCount, quantity } from "../i18n/format";
import type { Language } from "../i18n/language";
import { describeAction, describeCondition, type DesiredAlertRule } from "../model/alert-rules";
import type { DesiredMember, DesiredOrganization, DesiredProject, DesiredTeam } from "../model/organization";
import { accessLines, describePerformanceAlert } from "./access-and-performance";
import { markdownCode, markdownText } from "../i18n/escape";
import type { Plan } from "./plan";

/** Every value from a team file goes through these: inert text, or code that cannot leave its span. */
const text = markdownText;
const code = (value: string) => markdownCode(value, { inTable: true });

const NOUNS = {
  team: { fr: ["équipe", "équipes"], en: ["team", "teams"] },
  project: { fr: ["projet", "projets"], en: ["project", "projects"] },
  member: { fr: ["membre", "membres"], en: ["member", "members"] },
  repository: { fr: ["dépôt GitHub", "dépôts GitHub"], en: ["GitHub repository", "GitHub repositories"] },
  resource: { fr: ["ressource déclarée", "ressources déclarées"], en: ["resource declared", "resources declared"] },
} as const;

const WORDS = {
  fr: {
    title: (stack: string) => `## Plan Sentry de la stack ${markdownCode(stack)}`,
    offline:
      "> Plan hors ligne : le vrai programme Pulumi, exécuté sous le moteur de test de Pulumi, sans identifiants ni réseau. Il montre ce que déclarent les fichiers d'équipe ; le commentaire « Preview » de la pull request le compare avec Sentry et GitHub tels qu'ils sont.",
    file: "Fichier",
    memberColumns: "| Membre | Rôle dans l'équipe |",
    projectColumns: "| Projet | Plateforme | Dépôt | Règles d'alerte | Données personnelles |",
    noRule: "aucune",
    linked: "Dépôts GitHub reliés :",
    sharedWith: "partagé avec",
    alsoHas: "Projets d'autres équipes partagés avec celle-ci :",
    ownedBy: "équipe",
    root: "racine",
    byType: "Ressources par type",
    typeColumns: "| Type | Nombre |",
    changed: (shown: string, total: string) => `Cette pull request change ${shown} sur ${total}.`,
    nothingChanged: "Cette pull request ne change aucune équipe.",
    removed: (teams: string) => `Fichiers d'équipe retirés : ${teams} (Sentry garde l'équipe et ses projets).`,
    unchanged: (teams: string, projects: string) => `Sans changement, non affichées : ${teams} (${projects}).`,
    or: " ou ",
    env: "environnement",
    every: (minutes: number) => `au plus toutes les ${minutes} min`,
    isDefault: " (par défaut)",
    colon: " :",
    scrubbingOn: "masquage actif",
    off: "désactivé",
    fields: (sensitive: number, safe: number) => `${sensitive} champs masqués / ${safe} exemptés`,
    filters: (n: number) => `${n} filtres d'entrée`,
    key: (count: string, window: string) => `clé ${count} événements / ${window} s`,
  },
  en: {
    title: (stack: string) => `## Sentry plan for stack ${markdownCode(stack)}`,
    offline:
      "> Offline plan: the real Pulumi program run under Pulumi's mock engine, without credentials or network. It shows what the team files declare; the pull request's Preview comment compares that with the live Sentry and GitHub.",
    file: "File",
    memberColumns: "| Member | Team role |",
    projectColumns: "| Project | Platform | Repository | Alert rules | Privacy |",
    noRule: "none",
    linked: "GitHub repositories linked:",
    sharedWith: "shared with",
    alsoHas: "Projects of other teams shared with this one:",
    ownedBy: "team",
    root: "root",
    byType: "Resources by type",
    typeColumns: "| Type | Count |",
    changed: (shown: string, total: string) => `This pull request changes ${shown} of ${total}.`,
    nothingChanged: "This pull request changes no team.",
    removed: (teams: string) => `Team files removed: ${teams} (Sentry keeps the team and its projects).`,
    unchanged: (teams: string, projects: string) => `Unchanged, not shown: ${teams} (${projects}).`,
    or: " or ",
    env: "env",
    every: (minutes: number) => `every ${minutes} min`,
    isDefault: " (default)",
    colon: ":",
    scrubbingOn: "scrubbing on",
    off: "off",
    fields: (sensitive: number, safe: number) => `${sensitive} sensitive / ${safe} safe fields`,
    filters: (n: number) => `${n} inbound filters`,
    key: (count: string, window: string) => `key ${count} events / ${window} s`,
  },
} as const;

type Words = (typeof WORDS)[Language];

function describeRule(
  rule: DesiredAlertRule,
  model: DesiredOrganization,
  channels: string[],
  words: Words,
  lang: Language,
): string {
  const handleOf = (email: string) => model.members.find((m) => m.email === email)?.handle ?? email;
  const targets = rule.actions.map((action) =>
    describeAction(action, (email) => text(handleOf(email)), channels.map(text), lang),
  );
  const parts = [
    rule.conditions.map((node) => describeCondition(node, lang)).join(words.or),
    ...(rule.environment ? [`${words.env} ${text(rule.environment)}`] : []),
    `→ ${targets.join(", ")}`,
    words.every(rule.frequency),
  ];
  return `**${text(rule.name)}**${rule.isDefault ? words.isDefault : ""}${words.colon} ${parts.join(" · ")}`;
}

const memberLabel = (member: DesiredMember) => member.handle ?? member.email;

function describePrivacy(project: DesiredProject, words: Words, lang: Language): string {
  const { privacy } = project;
  const off = (["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const).filter((k) => !privacy[k]);
  const scrubbing = off.length === 0 ? words.scrubbingOn : `**${off.join(", ")} ${words.off}**`;
  const filters = Object.values(project.inboundFilters).filter(Boolean).length;
  const key = words.key(formatCount(project.keyRateLimit.count, lang), formatCount(project.keyRateLimit.window, lang));
  return `${scrubbing}, ${words.fields(privacy.sensitiveFields.length, privacy.safeFields.length)}, ${words.filters(filters)}, ${key}`;
}

/** What the plan says of one team, below its heading and file line. */
function teamBody(team: DesiredTeam, model: DesiredOrganization, lang: Language): string[] {
  const words = WORDS[lang];
  const members = model.members.filter((m) => m.teams.some((t) => t.teamSlug === team.slug));
  const projects = model.projects.filter((p) => p.teamSlug === team.slug);
  const repositories = model.repositories.filter((r) => r.teamSlugs.includes(team.slug));
  const lines: string[] = [];
  if (members.length > 0) {
    lines.push("", words.memberColumns, "|---|---|");
    for (const member of members)
      lines.push(`| ${text(memberLabel(member))} | ${member.teams.find((t) => t.teamSlug === team.slug)!.role} |`);
  }
  lines.push(...accessLines(team, model, lang));
  if (projects.length > 0) {
    lines.push("", words.projectColumns, "|---|---|---|---|---|");
    for (const project of projects) {
      const rules =
        [
          ...project.alertRules.map((rule) => describeRule(rule, model, project.mattermostChannels, words, lang)),
          ...project.performanceAlerts.map((alert) => describePerformanceAlert(alert, model, lang)),
        ].join("<br>") || words.noRule;
      const others = project.teams.filter((slug) => slug !== team.slug);
      const shared = others.length > 0 ? `<br>${words.sharedWith} ${others.map((slug) => code(slug)).join(", ")}` : "";
      lines.push(
        `| ${code(project.slug)} (${text(project.name)})${shared} | ${project.platform ? text(project.platform) : "—"} | ${describeRepository(project, words)} | ${rules} | ${describePrivacy(project, words, lang)} |`,
      );
    }
  }
  const received = model.projects.filter((p) => p.teamSlug !== team.slug && p.teams.includes(team.slug));
  if (received.length > 0)
    lines.push(
      "",
      `${words.alsoHas} ${received.map((p) => `${code(p.slug)} (${words.ownedBy} ${code(p.teamSlug)})`).join(", ")}`,
    );
  if (repositories.length > 0)
    lines.push("", `${words.linked} ${repositories.map((r) => text(r.identifier)).join(", ")}`);
  return lines;
}

/** The repository with the branch of its code mapping, and the mapping's roots when the file sets them. */
function describeRepository(project: DesiredProject, words: Words): string {
  if (!project.repository) return "—";
  const mapping = project.codeMapping;
  if (!mapping) return text(project.repository);
  const repository = `${text(project.repository)} (${text(mapping.branch)})`;
  if (!mapping.stackRoot && !mapping.sourceRoot) return repository;
  const root = (path: string) => (path ? code(path) : words.root);
  return `${repository}<br>${root(mapping.stackRoot)} → ${root(mapping.sourceRoot)}`;
}

const heading = (team: DesiredTeam) => `### ${markdownCode(team.slug)} — ${text(team.name)}`;
const fileLine = (team: DesiredTeam, lang: Language) =>
  `${WORDS[lang].file} ${markdownCode(team.file)}${team.startup ? ` · startup ${markdownCode(team.startup)}` : ""}`;

/**
 * Whether a team's summary differs from the base's, its file path aside (the base is read from a
 * temporary folder).
 */
function teamChanged(team: DesiredTeam, model: DesiredOrganization, base: DesiredOrganization, lang: Language) {
  const before = base.teams.find((t) => t.slug === team.slug);
  if (!before) return true;
  const summary = (t: DesiredTeam, m: DesiredOrganization) =>
    [heading(t), t.startup ?? "", ...teamBody(t, m, lang)].join("\n");
  return summary(team, model) !== summary(before, base);
}

export interface PlanMarkdownOptions {
  lang: Language;
  /** The organization at the pull request's base: only the teams whose summary changes are shown. */
  base?: DesiredOrganization;
}

export function planMarkdown(plan: Plan, { lang, base }: PlanMarkdownOptions): string {
  const { model } = plan;
  const words = WORDS[lang];
  const lines: string[] = [
    words.title(plan.stack),
    "",
    [
      quantity(model.teams.length, lang, NOUNS.team),
      quantity(model.projects.length, lang, NOUNS.project),
      quantity(model.members.length, lang, NOUNS.member),
      quantity(model.repositories.length, lang, NOUNS.repository),
      quantity(plan.resources.length, lang, NOUNS.resource),
    ].join(" · "),
    "",
    words.offline,
  ];
  const shown = base ? model.teams.filter((team) => teamChanged(team, model, base, lang)) : model.teams;
  if (base) {
    const removed = base.teams.filter((before) => !model.teams.some((team) => team.slug === before.slug));
    const rest = model.teams.length - shown.length;
    const restProjects = model.projects.filter((p) => !shown.some((team) => team.slug === p.teamSlug)).length;
    lines.push(
      "",
      shown.length > 0
        ? words.changed(quantity(shown.length, lang, NOUNS.team), formatCount(model.teams.length, lang))
        : words.nothingChanged,
    );
    if (removed.length > 0) lines.push("", words.removed(removed.map((t) => markdownCode(t.slug)).join(", ")));
    if (rest > 0)
      lines.push("", words.unchanged(quantity(rest, lang, NOUNS.team), quantity(restProjects, lang, NOUNS.project)));
  }
  for (const team of shown) lines.push("", heading(team), "", fileLine(team, lang), ...teamBody(team, model, lang));

  const counts = new Map<string, number>();
  for (const resource of plan.resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  lines.push("", `<details><summary>${words.byType}</summary>`, "", words.typeColumns, "|---|---|");
  for (const [type, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
    lines.push(`| \`${type}\` | ${formatCount(count, lang)} |`);
  lines.push("", "</details>");
  return lines.join("\n");
}
