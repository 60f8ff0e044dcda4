// checklist.md: one line per startup, one column per rule of the community page, then how to fix
// each finding.
import { STATUS_LABEL, STATUS_MARK, type ChecklistReport } from "./report";
import { markdownText } from "../i18n/escape";
import { DEFAULT_LANGUAGE, type Language } from "../i18n/language";

const HEADINGS = {
  fr: {
    title: (org: string) => `# Checklist Sentry de la communauté — organisation \`${org}\``,
    intro: (at: string, days: number) =>
      `Mesurée le ${at} sur les ${days} derniers jours. ✅ conforme, ⚠️ à améliorer, ❌ non conforme, — sans objet.`,
    startup: "Startup",
    incubator: "Incubateur",
    status: "Statut",
    unknown: "non renseigné",
    fixes: "## Comment corriger",
    rules: "## Les règles",
    warnings: "## Mesures incomplètes",
    allGood: "Rien à corriger.",
    fix: "Correction",
    colon: " : ",
  },
  en: {
    title: (org: string) => `# The community's Sentry checklist — organization \`${org}\``,
    intro: (at: string, days: number) =>
      `Measured on ${at} over the last ${days} days. ✅ passes, ⚠️ to improve, ❌ fails, — not applicable.`,
    startup: "Startup",
    incubator: "Incubator",
    status: "Status",
    unknown: "not given",
    fixes: "## How to fix",
    rules: "## The rules",
    warnings: "## Incomplete measurements",
    allGood: "Nothing to fix.",
    fix: "Fix",
    colon: ": ",
  },
};

export function renderMarkdown(report: ChecklistReport, language: Language = DEFAULT_LANGUAGE): string {
  const h = HEADINGS[language];
  const lines = [h.title(report.organization), "", h.intro(report.measuredAt.slice(0, 10), report.days.length), ""];
  lines.push(
    `| ${h.startup} | ${h.incubator} | ${h.status} | ${report.rules.map((r) => markdownText(r.title[language])).join(" | ")} |`,
    `| --- | --- | :---: | ${report.rules.map(() => ":---:").join(" | ")} |`,
  );
  for (const startup of report.startups) {
    const marks = [startup.status, ...startup.rules.map((r) => r.status)].map((status) => STATUS_MARK[status]);
    lines.push(
      `| ${markdownText(startup.name)} (\`${startup.team}\`) | ${markdownText(startup.incubator?.title ?? h.unknown)} | ${marks.join(" | ")} |`,
    );
  }
  lines.push("", h.fixes, "");
  let findings = 0;
  for (const startup of report.startups) {
    const items = startup.projects.flatMap((project) =>
      project.results
        .filter((r) => r.status === "warn" || r.status === "fail")
        .map((r) => {
          const title = report.rules.find((x) => x.id === r.rule)!.title[language];
          return `- ${STATUS_MARK[r.status]} **${markdownText(title)}** — \`${project.slug}\`${h.colon}${r.summary[language]}${r.fix ? `. ${h.fix}${h.colon}${r.fix[language]}` : ""}`;
        }),
    );
    if (items.length === 0) continue;
    findings += items.length;
    lines.push(
      `### ${markdownText(startup.name)} (\`${startup.team}\`, ${STATUS_LABEL[startup.status][language]})`,
      "",
      ...items,
      "",
    );
  }
  if (findings === 0) lines.push(h.allGood, "");
  lines.push(
    h.rules,
    "",
    ...report.rules.map((r) => `- **${markdownText(r.title[language])}**${h.colon}${r.asks[language]}`),
    "",
  );
  if (report.warnings.length > 0) lines.push(h.warnings, "", ...report.warnings.map((w) => `- ${markdownText(w)}`), "");
  return lines.join("\n");
}
