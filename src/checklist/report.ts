// One report from the team files, the measurements and the startups data: what checklist.json holds,
// and what the Markdown and HTML renderers draw.
import type { OrganizationMeasurements } from "./measurements";
import { evaluateTeam, RULE_IDS, RULES, THRESHOLDS, type RuleId, type RuleResult, type Status } from "./rules";
import type { Incubator, StartupDirectory } from "./startups";
import type { Localized } from "../i18n/language";

/** What the checklist needs of a team file. */
export interface ChecklistTeam {
  slug: string;
  name: string;
  file: string;
  startup?: string;
  projects: string[];
}

export interface ProjectReport {
  slug: string;
  inSentry: boolean;
  status: Status;
  results: RuleResult[];
  errorsPerDay: number[];
  transactionsPerDay: number[];
}

export interface StartupReport {
  team: string;
  name: string;
  file: string;
  startup: string | null;
  incubator: Incubator | null;
  status: Status;
  rules: { rule: RuleId; status: Status; projects: string[] }[];
  projects: ProjectReport[];
}

export interface ChecklistReport {
  organization: string;
  measuredAt: string;
  days: string[];
  thresholds: typeof THRESHOLDS;
  rules: { id: RuleId; title: Localized; asks: Localized }[];
  incubators: Incubator[];
  startups: StartupReport[];
  requests: number;
  warnings: string[];
}

export function buildReport(
  teams: readonly ChecklistTeam[],
  measurements: OrganizationMeasurements,
  directory: StartupDirectory,
): ChecklistReport {
  const warnings = [...measurements.warnings];
  const startups = teams.map((team): StartupReport => {
    const verdict = evaluateTeam(team.projects, measurements);
    const known = team.startup === undefined ? undefined : directory.get(team.startup);
    if (team.startup !== undefined && !known)
      warnings.push(`${team.file}: startup "${team.startup}" is not in the beta.gouv.fr startups data`);
    return {
      team: team.slug,
      name: team.name,
      file: team.file,
      startup: team.startup ?? null,
      incubator: known?.incubator ?? null,
      status: verdict.status,
      rules: verdict.rules,
      projects: verdict.projects.map((p) => {
        const measured = measurements.projects.get(p.slug);
        return {
          ...p,
          errorsPerDay: measured?.errorsPerDay ?? [],
          transactionsPerDay: measured?.transactionsPerDay ?? [],
        };
      }),
    };
  });
  const incubators = [
    ...new Map(startups.flatMap((s) => (s.incubator ? [[s.incubator.id, s.incubator] as const] : []))).values(),
  ].sort((a, b) => a.title.localeCompare(b.title, "fr"));
  return {
    organization: measurements.organization,
    measuredAt: measurements.measuredAt,
    days: measurements.days,
    thresholds: THRESHOLDS,
    rules: RULE_IDS.map((id) => ({ id, ...RULES[id] })),
    incubators,
    startups,
    requests: measurements.requests,
    warnings,
  };
}

export const STATUS_MARK: Record<Status, string> = { ok: "✅", warn: "⚠️", fail: "❌", na: "—" };
export const STATUS_LABEL: Record<Status, Localized> = {
  ok: { fr: "conforme", en: "passes" },
  warn: { fr: "à améliorer", en: "to improve" },
  fail: { fr: "non conforme", en: "fails" },
  na: { fr: "sans objet", en: "not applicable" },
};

/** checklist.json: the whole report, texts in both languages, for tools. */
export function renderJson(report: ChecklistReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
