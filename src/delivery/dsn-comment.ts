// The comment posted on a merged pull request once `pulumi up` has created its projects.
// Which projects: those a merged commit added (declared at the commit, not at its first parent) that
// were not declared at the last successful deployment, are still declared now and were not adopted
// (they existed before). So a deploy that failed does not lose its comment: the next successful one
// posts it, on the pull request that added each project.
import type { Language } from "../i18n/language";
import type { DesiredOrganization, DesiredProject } from "../model/organization";
import { markdownBlock, markdownCode, markdownText } from "../i18n/escape";
import { sdkSnippet } from "./sdk-snippets";

export interface StackOutputs {
  projectDsns?: Record<string, string>;
}

export interface ProjectHistory {
  /** What is declared now (the deployed commit). */
  now: DesiredOrganization;
  /** The merged commit and its first parent: the projects this commit added. */
  commit: DesiredOrganization;
  beforeCommit?: DesiredOrganization;
  /** The commit of the last successful deployment; absent before the first one. */
  lastDeployed?: DesiredOrganization;
  /** Project slugs of the adoption file: they existed before management. */
  adopted?: ReadonlySet<string>;
}

export function projectsToAnnounce(history: ProjectHistory): DesiredProject[] {
  const slugs = (model?: DesiredOrganization) => new Set((model?.projects ?? []).map((p) => p.slug));
  const before = slugs(history.beforeCommit);
  const deployed = slugs(history.lastDeployed);
  const added = slugs(history.commit);
  return history.now.projects.filter(
    (p) => added.has(p.slug) && !before.has(p.slug) && !deployed.has(p.slug) && !history.adopted?.has(p.slug),
  );
}

const WORDS = {
  fr: {
    title: "## Sentry : vos nouveaux projets sont prêts",
    privacy:
      "N'envoyez jamais de données personnelles à Sentry : gardez les données personnelles par défaut désactivées et ne mettez ni e-mail ni nom dans `setUser`.",
    noDsn: "Pas encore de DSN dans les sorties de la stack : demandez aux ops de vérifier le déploiement.",
    noPlatform: "sans plateforme",
    dsn: "DSN (public) :",
    sourceMaps: "Source maps et releases :",
  },
  en: {
    title: "## Sentry: your new project(s) are ready",
    privacy:
      "Never send personal data to Sentry: keep default personal data off and do not put e-mails or names in `setUser`.",
    noDsn: "No DSN in the stack outputs yet: ask ops to check the deployment.",
    noPlatform: "no platform",
    dsn: "DSN (public):",
    sourceMaps: "Source maps and releases:",
  },
} as const;

/** Markdown for these projects, or undefined when there is none. */
export function newProjectsComment(
  projects: readonly DesiredProject[],
  organization: string,
  outputs: StackOutputs,
  sentryUrl: string,
  lang: Language,
): string | undefined {
  if (projects.length === 0) return undefined;
  const words = WORDS[lang];
  const sections = projects.map((project) => {
    const dsn = outputs.projectDsns?.[project.slug];
    if (!dsn) return `### ${markdownCode(project.slug)}\n\n${words.noDsn}`;
    const { language, code } = sdkSnippet(project.platform, dsn, lang);
    return [
      `### ${markdownCode(project.slug)} (${project.platform ? markdownText(project.platform) : words.noPlatform})`,
      "",
      `${words.dsn} ${markdownCode(dsn)}`,
      "",
      markdownBlock(code, language),
      "",
      `${words.sourceMaps} ${markdownCode(`url: ${sentryUrl}`)}, ${markdownCode(`org: ${organization}`)}, ${markdownCode(`project: ${project.slug}`)}.`,
    ].join("\n");
  });
  return [words.title, "", words.privacy, "", ...sections.flatMap((s) => [s, ""])].join("\n");
}
