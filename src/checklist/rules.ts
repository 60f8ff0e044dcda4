// The rules of the community page of sentry.incubateur.net, judged per project from plain measurements,
// then per startup (team file): the worst status of its projects for each rule.
import type { AlertTarget, MeasuredAlertRule, MeasuredProject, OrganizationMeasurements } from "./measurements";
import { localize, type Localized } from "../i18n/language";
import { formatCount } from "../i18n/format";
import { inertName, joinTexts, percent, t } from "./text";

export type Status = "ok" | "warn" | "fail" | "na";
/** Worst first: a startup's status for a rule is the worst of its projects'. */
export const STATUS_ORDER: readonly Status[] = ["fail", "warn", "ok", "na"];

export const RULE_IDS = [
  "alerts",
  "environment",
  "release",
  "performance",
  "sampling",
  "personalData",
  "activity",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Every threshold the rules use, in one place (also written to checklist.json). */
export const THRESHOLDS = {
  /** Share of error events without `environment` (or `release`) below which the rule passes... */
  missingTagOk: 0.01,
  /** ...and from which it fails. */
  missingTagFail: 0.5,
  /** Estimated tracesSampleRate above which sampling is worth lowering (the guide asks 0.1 or less)... */
  sampleRateWarn: 0.2,
  /** ...and above which it is far too high. */
  sampleRateFail: 0.5,
  /** Share of transactions dropped by rate limits from which sampling is far too high. */
  rateLimitedFail: 0.01,
  /** A project younger than this with no event yet is not judged on activity. */
  newProjectDays: 7,
} as const;

export interface RuleDefinition {
  title: Localized;
  /** What the community page asks. */
  asks: Localized;
}

export const RULES: Record<RuleId, RuleDefinition> = {
  alerts: {
    title: t("Alertes reçues", "Alerts received"),
    asks: t(
      "Une règle d'alerte active prévient quelqu'un : une équipe dont un membre a accepté l'invitation, un membre, ou un canal Mattermost.",
      "An active alert rule notifies someone: a team with a member who accepted the invitation, a member, or a Mattermost channel.",
    ),
  },
  environment: {
    title: t("Environnement", "Environment"),
    asks: t(
      "Chaque événement porte un `environment` (production, staging...).",
      "Every event carries an `environment` (production, staging...).",
    ),
  },
  release: {
    title: t("Release", "Release"),
    asks: t(
      "Chaque événement porte une `release` (version ou commit déployé).",
      "Every event carries a `release` (deployed version or commit).",
    ),
  },
  performance: {
    title: t("Performance (APM)", "Performance (APM)"),
    asks: t(
      "Le projet envoie des transactions : Sentry sert aussi au suivi des performances.",
      "The project sends transactions: Sentry is used for performance monitoring too.",
    ),
  },
  sampling: {
    title: t("Échantillonnage", "Sampling"),
    asks: t(
      "`tracesSampleRate` est réglé pour la production (0,1 ou moins), sans transactions rejetées par les limites de l'instance.",
      "`tracesSampleRate` is tuned for production (0.1 or less), with no transactions dropped by the instance's limits.",
    ),
  },
  personalData: {
    title: t("Données personnelles", "Personal data"),
    asks: t(
      "Aucun événement ne porte d'adresse e-mail ni d'adresse IP d'usager.",
      "No event carries a user's e-mail or IP address.",
    ),
  },
  activity: {
    title: t("Activité", "Activity"),
    asks: t(
      "Le projet reçoit des événements : un projet muet a un DSN mal configuré ou n'est plus utilisé.",
      "The project receives events: a silent project has a misconfigured DSN or is no longer used.",
    ),
  },
};

export interface RuleResult {
  rule: RuleId;
  status: Status;
  /** What was measured. */
  summary: Localized;
  /** How to fix it, when the status is warn or fail. */
  fix?: Localized;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const na = (rule: RuleId, summary: Localized): RuleResult => ({ rule, status: "na", summary });

/** Does one target of a rule reach a person? Follows how Sentry resolves recipients (see read.ts). */
function reaches(target: AlertTarget, project: MeasuredProject, measurements: OrganizationMeasurements): boolean {
  switch (target.kind) {
    case "team":
      return (
        project.teamIds.includes(target.teamId) && (measurements.acceptedMembersByTeam.get(target.teamId) ?? 0) > 0
      );
    case "member":
      return project.usersWithAccess.includes(target.userId);
    case "issue-owners":
      return target.fallthrough !== "NoOne" && project.usersWithAccess.length > 0;
    case "channel":
      return true;
    case "other":
      return false;
  }
}

function whyNot(rule: MeasuredAlertRule, project: MeasuredProject): Localized {
  const name = inertName(rule.name);
  if (!rule.active) return t(`« ${name} » est désactivée ou en pause`, `"${name}" is disabled or snoozed`);
  if (rule.targets.length === 0) return t(`« ${name} » ne notifie personne`, `"${name}" notifies nobody`);
  const reasons = rule.targets.map((target): Localized => {
    switch (target.kind) {
      case "team":
        return project.teamIds.includes(target.teamId)
          ? t(
              "l'équipe n'a aucun membre ayant accepté son invitation",
              "the team has no member who accepted the invitation",
            )
          : t("l'équipe notifiée n'a pas accès au projet", "the notified team has no access to the project");
      case "member":
        return t(
          "le membre notifié n'a plus accès au projet",
          "the notified member no longer has access to the project",
        );
      case "issue-owners":
        return target.fallthrough === "NoOne"
          ? t("propriétaires du problème sans repli sur l'équipe", "issue owners with no fallback to the team")
          : t("personne n'a accès au projet", "nobody has access to the project");
      case "channel":
        return t(`canal ${target.service}`, `channel ${target.service}`);
      case "other":
        return t(`action ${target.id} sans destinataire connu`, `action ${target.id} with no known recipient`);
    }
  });
  const unique = [...new Map(reasons.map((r) => [r.fr, r])).values()];
  return joinTexts([t(`« ${name} » :`, `"${name}":`), joinTexts(unique, ", ")], " ");
}

function alertsRule(project: MeasuredProject, measurements: OrganizationMeasurements): RuleResult {
  const fix = t(
    "Déclarez une alerte qui notifie `team` (ou `{member: ...}`) dans votre fichier d'équipe, et vérifiez que vos membres ont accepté l'invitation Sentry.",
    "Declare an alert that notifies `team` (or `{member: ...}`) in your team file, and check that your members accepted the Sentry invitation.",
  );
  const rules = project.alertRules;
  if (rules.length === 0)
    return { rule: "alerts", status: "fail", summary: t("aucune règle d'alerte", "no alert rule"), fix };
  const reaching = rules.filter((r) => r.active && r.targets.some((target) => reaches(target, project, measurements)));
  if (reaching.length > 0) {
    return {
      rule: "alerts",
      status: "ok",
      summary: localize((l) =>
        l === "fr"
          ? `${reaching.length} règle(s) sur ${rules.length} préviennent quelqu'un`
          : `${reaching.length} of ${rules.length} rule(s) notify someone`,
      ),
    };
  }
  return {
    rule: "alerts",
    status: "fail",
    summary: joinTexts(
      [
        t("aucune règle ne prévient quelqu'un", "no rule notifies anyone"),
        joinTexts(
          rules.map((r) => whyNot(r, project)),
          " ; ",
        ),
      ],
      " — ",
    ),
    fix,
  };
}

function missingTagRule(rule: "environment" | "release", missing: number, errors: number): RuleResult {
  if (errors === 0) return na(rule, t("aucune erreur sur la période", "no error in the period"));
  const share = Math.min(1, missing / errors);
  const status: Status = share < THRESHOLDS.missingTagOk ? "ok" : share >= THRESHOLDS.missingTagFail ? "fail" : "warn";
  const tag = rule === "environment" ? "environment" : "release";
  const summary = localize((l) =>
    l === "fr"
      ? `${percent(share, l)} des erreurs sans \`${tag}\` (${formatCount(missing, l)} sur ${formatCount(errors, l)})`
      : `${percent(share, l)} of errors without \`${tag}\` (${formatCount(missing, l)} of ${formatCount(errors, l)})`,
  );
  if (status === "ok") return { rule, status, summary };
  const fix =
    rule === "environment"
      ? t(
          "Passez `environment` à `Sentry.init` (par exemple depuis une variable `SENTRY_ENVIRONMENT` : production, staging...).",
          "Pass `environment` to `Sentry.init` (for instance from a `SENTRY_ENVIRONMENT` variable: production, staging...).",
        )
      : t(
          "Passez `release` à `Sentry.init` (version du paquet ou SHA du commit, par exemple `SOURCE_VERSION` sur Scalingo), ou laissez le plugin de build Sentry la fixer.",
          "Pass `release` to `Sentry.init` (package version or commit SHA, e.g. `SOURCE_VERSION` on Scalingo), or let the Sentry build plugin set it.",
        );
  return { rule, status, summary, fix };
}

function performanceRule(project: MeasuredProject, active: boolean): RuleResult {
  if (!active) return na("performance", t("aucun événement sur la période", "no event in the period"));
  const { accepted } = project.transactions;
  if (accepted > 0)
    return {
      rule: "performance",
      status: "ok",
      summary: localize((l) =>
        l === "fr" ? `${formatCount(accepted, l)} transactions` : `${formatCount(accepted, l)} transactions`,
      ),
    };
  return {
    rule: "performance",
    status: "warn",
    summary: t("aucune transaction : pas de données de performance", "no transaction: no performance data"),
    fix: t(
      "Activez le suivi des performances : `tracesSampleRate: 0.1` dans `Sentry.init` (et l'intégration de traçage de votre framework).",
      "Turn performance monitoring on: `tracesSampleRate: 0.1` in `Sentry.init` (and your framework's tracing integration).",
    ),
  };
}

function samplingRule(project: MeasuredProject): RuleResult {
  const { accepted, rateLimited, sampledOut } = project.transactions;
  if (accepted === 0 && rateLimited === 0)
    return na("sampling", t("aucune transaction sur la période", "no transaction in the period"));
  const lower = t(
    "Baissez `tracesSampleRate` en production (0,1 ou moins), ou utilisez `tracesSampler` pour ne garder qu'une partie des transactions fréquentes.",
    "Lower `tracesSampleRate` in production (0.1 or less), or use `tracesSampler` to keep only part of frequent transactions.",
  );
  const limitedShare = rateLimited / (accepted + rateLimited);
  if (limitedShare >= THRESHOLDS.rateLimitedFail) {
    return {
      rule: "sampling",
      status: "fail",
      summary: localize((l) =>
        l === "fr"
          ? `${percent(limitedShare, l)} des transactions rejetées par les limites de débit (${formatCount(rateLimited, l)})`
          : `${percent(limitedShare, l)} of transactions dropped by rate limits (${formatCount(rateLimited, l)})`,
      ),
      fix: lower,
    };
  }
  if (sampledOut === 0) {
    return {
      rule: "sampling",
      status: "warn",
      summary: t(
        "aucune transaction écartée par l'échantillonnage du SDK : `tracesSampleRate` semble à 1 (ou le SDK n'envoie pas ses rapports client)",
        "no transaction dropped by the SDK's sampling: `tracesSampleRate` looks like 1 (or the SDK sends no client reports)",
      ),
      fix: lower,
    };
  }
  const rate = accepted / (accepted + sampledOut);
  const status: Status = rate > THRESHOLDS.sampleRateFail ? "fail" : rate > THRESHOLDS.sampleRateWarn ? "warn" : "ok";
  const summary = localize((l) =>
    l === "fr"
      ? `taux d'échantillonnage estimé ${percent(rate, l)} (${formatCount(accepted, l)} gardées, ${formatCount(sampledOut, l)} écartées par le SDK)`
      : `estimated sample rate ${percent(rate, l)} (${formatCount(accepted, l)} kept, ${formatCount(sampledOut, l)} dropped by the SDK)`,
  );
  return status === "ok" ? { rule: "sampling", status, summary } : { rule: "sampling", status, summary, fix: lower };
}

function personalDataRule(project: MeasuredProject, errors: number): RuleResult {
  if (errors === 0) return na("personalData", t("aucune erreur sur la période", "no error in the period"));
  const { events, emails, ipAddresses } = project.personalData;
  if (events === 0)
    return {
      rule: "personalData",
      status: "ok",
      summary: t("aucune adresse e-mail ni IP dans les erreurs", "no e-mail or IP address in errors"),
    };
  return {
    rule: "personalData",
    status: "fail",
    summary: localize((l) =>
      l === "fr"
        ? `${formatCount(events, l)} erreur(s) avec des données personnelles malgré le masquage (${formatCount(emails, l)} e-mail(s), ${formatCount(ipAddresses, l)} IP)`
        : `${formatCount(events, l)} error(s) with personal data despite scrubbing (${formatCount(emails, l)} e-mail(s), ${formatCount(ipAddresses, l)} IP)`,
    ),
    fix: t(
      "Mettez `sendDefaultPii: false` (`send_default_pii=False`), n'envoyez que l'identifiant dans `setUser`, et ajoutez les champs en cause à `privacy.sensitiveFields` dans votre fichier d'équipe.",
      "Set `sendDefaultPii: false` (`send_default_pii=False`), send only the id in `setUser`, and add the fields at stake to `privacy.sensitiveFields` in your team file.",
    ),
  };
}

const dayDifference = (later: string, earlier: string) =>
  Math.floor((Date.parse(later) - Date.parse(earlier)) / 86_400_000);

function activityRule(project: MeasuredProject, measurements: OrganizationMeasurements): RuleResult {
  const { days } = measurements;
  const totals = days.map((_, i) => (project.errorsPerDay[i] ?? 0) + (project.transactionsPerDay[i] ?? 0));
  let last = totals.length - 1;
  while (last >= 0 && totals[last] === 0) last--;
  if (last >= 0)
    return {
      rule: "activity",
      status: "ok",
      summary: t(`dernier événement le ${days[last]}`, `last event on ${days[last]}`),
    };
  const period = days.length;
  if (project.firstEvent !== null) {
    return {
      rule: "activity",
      status: "warn",
      summary: t(
        `en sommeil : aucun événement depuis ${period} jours (premier événement le ${project.firstEvent.slice(0, 10)})`,
        `dormant: no event for ${period} days (first event on ${project.firstEvent.slice(0, 10)})`,
      ),
      fix: t(
        "Si le service est arrêté, retirez le projet de votre fichier d'équipe ; sinon vérifiez le DSN et l'initialisation du SDK en production.",
        "If the service is closed, remove the project from your team file; otherwise check the DSN and the SDK's initialisation in production.",
      ),
    };
  }
  if (dayDifference(measurements.measuredAt, project.dateCreated) < THRESHOLDS.newProjectDays)
    return na("activity", t("projet créé récemment, pas encore d'événement", "project created recently, no event yet"));
  return {
    rule: "activity",
    status: "fail",
    summary: t(
      `aucun événement reçu depuis la création du projet le ${project.dateCreated.slice(0, 10)}`,
      `no event received since the project was created on ${project.dateCreated.slice(0, 10)}`,
    ),
    fix: t(
      "Installez le SDK Sentry avec le DSN du projet (commentaire de la pull request, ou sortie `projectDsns`) et envoyez un événement de test.",
      "Install the Sentry SDK with the project's DSN (pull request comment, or the `projectDsns` output) and send a test event.",
    ),
  };
}

/** Every rule for one project. */
export function evaluateProject(project: MeasuredProject, measurements: OrganizationMeasurements): RuleResult[] {
  const errors = sum(project.errorsPerDay);
  const active = errors + sum(project.transactionsPerDay) + project.transactions.accepted > 0;
  return [
    alertsRule(project, measurements),
    missingTagRule("environment", project.errorsWithoutEnvironment, errors),
    missingTagRule("release", project.errorsWithoutRelease, errors),
    performanceRule(project, active),
    samplingRule(project),
    personalDataRule(project, errors),
    activityRule(project, measurements),
  ];
}

export function worst(statuses: readonly Status[]): Status {
  for (const status of STATUS_ORDER) if (statuses.includes(status)) return status;
  return "na";
}

export interface ProjectVerdict {
  slug: string;
  /** False when the team file declares the project but Sentry does not have it (yet). */
  inSentry: boolean;
  status: Status;
  results: RuleResult[];
}

export interface TeamVerdict {
  status: Status;
  /** Per rule, the worst of the projects, and which projects are behind it. */
  rules: { rule: RuleId; status: Status; projects: string[] }[];
  projects: ProjectVerdict[];
}

const MISSING = t("absent de Sentry (pas encore créé ?)", "missing from Sentry (not created yet?)");

export function evaluateTeam(projectSlugs: readonly string[], measurements: OrganizationMeasurements): TeamVerdict {
  const projects = projectSlugs.map((slug): ProjectVerdict => {
    const measured = measurements.projects.get(slug);
    if (!measured) {
      return { slug, inSentry: false, status: "na", results: RULE_IDS.map((rule) => na(rule, MISSING)) };
    }
    const results = evaluateProject(measured, measurements);
    return { slug, inSentry: true, status: worst(results.map((r) => r.status)), results };
  });
  const rules = RULE_IDS.map((rule) => {
    const statuses = projects.map((p) => p.results.find((r) => r.rule === rule)!.status);
    const status = worst(statuses);
    return { rule, status, projects: projects.filter((_, i) => statuses[i] === status).map((p) => p.slug) };
  });
  return { status: worst(rules.map((r) => r.status)), rules, projects };
}
