// npm run checklist -- [--url URL] [--org ORG] [--out DIR] [--dir teams] [--stack prod] [--startups PATH|URL] [--lang fr|en]
// Measures the community's checklist for every team file with a read-only token (SENTRY_AUTH_TOKEN) and
// writes checklist.md, index.html and checklist.json into DIR (default `checklist`).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHtml } from "../checklist/html";
import { renderMarkdown } from "../checklist/markdown";
import { readMeasurements } from "../checklist/read";
import { buildReport, renderJson, type ChecklistTeam } from "../checklist/report";
import { DEFAULT_STARTUPS_URL, parseStartups, type StartupDirectory } from "../checklist/startups";
import { chooseLanguage, LANGUAGES } from "../i18n/language";
import { SentryClient } from "../sentry/client";
import { readValidTeams } from "../team-file/load";
import { apiBaseUrl, INSTANCE_OPTIONS, liveInstance } from "./connection";
import { withRequestCount } from "./progress";
import { command, UsageError } from "./run";

/** The startups data from a file (must exist) or a URL (when unreachable, incubators stay unknown, with a warning). */
async function loadStartups(source: string, warnings: string[]): Promise<StartupDirectory> {
  if (!/^https?:\/\//.test(source)) {
    let text: string;
    try {
      text = readFileSync(source, "utf8");
    } catch {
      throw new UsageError(`cannot read the startups data ${source}: pass an existing file or a URL with --startups`);
    }
    return parseStartups(text, source);
  }
  try {
    const response = await fetch(source, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseStartups(await response.text(), source);
  } catch (error) {
    warnings.push(
      `the beta.gouv.fr startups data could not be read from ${source} (${(error as Error).message}): incubators are unknown`,
    );
    return new Map();
  }
}

command({
  script: "checklist",
  summary:
    "Measures the community's checklist for every team file with a read-only token, and writes\nchecklist.md, index.html and checklist.json into the output folder.",
  options: {
    ...INSTANCE_OPTIONS,
    out: { type: "string", default: "checklist", value: "DIR", help: "where the three files are written" },
    dir: { type: "string", default: "teams", value: "DIR", help: "folder of team files (they must be valid)" },
    startups: {
      type: "string",
      default: DEFAULT_STARTUPS_URL,
      value: "PATH|URL",
      help: "the beta.gouv.fr startups data (incubators)",
    },
    lang: { type: "string", choices: LANGUAGES, help: "language of the report (default: the stack's, else fr)" },
  },
  notes: "Environment: SENTRY_AUTH_TOKEN, a read-only Sentry token (docs/ops.md, the checklist); it is never printed.",
  exit: { ok: "written" },
  async run({ values, progress }) {
    const token = process.env.SENTRY_AUTH_TOKEN;
    if (!token) throw new UsageError("set SENTRY_AUTH_TOKEN to a read-only Sentry token (docs/ops.md, the checklist)");

    const { url, org, policy } = liveInstance(values);
    const language = chooseLanguage(values.lang, policy.language);
    const teams: ChecklistTeam[] = readValidTeams(values.dir, policy, "the checklist reads valid team files only").map(
      ({ slug, file, team }) => ({
        slug,
        file,
        name: team.name,
        startup: team.startup,
        projects: (team.projects ?? []).map((p) => p.slug),
      }),
    );
    const client = new SentryClient({ baseUrl: apiBaseUrl(url), token });
    const measurements = await withRequestCount(progress, `checklist of ${org}`, client.stats, () =>
      readMeasurements(client, org),
    );
    const startupWarnings: string[] = [];
    const directory = await loadStartups(values.startups, startupWarnings);
    measurements.warnings.push(...startupWarnings);
    const report = buildReport(teams, measurements, directory);

    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, "checklist.md"), renderMarkdown(report, language));
    writeFileSync(join(values.out, "index.html"), renderHtml(report, language));
    writeFileSync(join(values.out, "checklist.json"), renderJson(report));
    const tally = (status: string) => report.startups.filter((s) => s.status === status).length;
    return {
      output: [
        `checklist of ${report.startups.length} startups: ${tally("fail")} ❌, ${tally("warn")} ⚠️, ${tally("ok")} ✅, ${tally("na")} without project to judge`,
        `${report.requests} Sentry requests; written to ${values.out}/ (checklist.md, index.html, checklist.json)`,
        ...report.warnings.map((w) => `warning: ${w}`),
      ].join("\n"),
      exitCode: 0,
    };
  },
});
