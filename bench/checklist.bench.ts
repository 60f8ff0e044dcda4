// The checklist at the real scale (662 teams from the realistic fixture, seeded telemetry), against the
// emulator with a per-request latency like a remote server's: wall time, and requests made against the
// fewest pages the API allows (org-wide lists and queries: no request per project).
import { buildReport, type ChecklistTeam } from "../src/checklist/report";
import { readMeasurements } from "../src/checklist/read";
import { parseStartups } from "../src/checklist/startups";
import { seedTelemetry } from "../src/emulator/seed-telemetry";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { SentryClient } from "../src/sentry/client";
import { validateTeamFiles } from "../src/team-file/validate";
import startups from "../test/fixtures/betagouv-startups.json";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy } from "../test/helpers/team-files";
import { measure, ms, report } from "./measure";

const LATENCY_MS = 20;
const CONCURRENCY = 8;
const NOW = Date.parse("2026-03-31T12:00:00Z");
const pages = (items: number, perPage = 100) => Math.max(1, Math.ceil(items / perPage));

export async function benchChecklist(): Promise<boolean> {
  const inputs = realisticTeamFiles().map((f) => ({ file: f.file, bytes: Buffer.from(f.text) }));
  const teams = validateTeamFiles(inputs, prodPolicy).teams;
  const model = buildDesiredOrganization(teams, prodPolicy);
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: "bench", latencyMs: LATENCY_MS });
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, model, { acceptedInvitations: true });
  seedTelemetry(emulator.state, { now: NOW, seed: 2026, pendingShare: 0.1 });
  await emulator.listen();
  try {
    const s = emulator.state;
    const errorRows = (
      test: (b: { hasEnvironment: boolean; hasRelease: boolean; userEmails: number; userIps: number }) => boolean,
    ) =>
      [...s.projects.values()].filter((p) => s.telemetry.inPeriod(p.id, 30).some((b) => b.type === "error" && test(b)))
        .length;
    // Project list, users (one request), combined rules, outcomes (one request), three error queries.
    const minimum =
      pages(s.projects.size) +
      1 +
      pages(s.rules.size) +
      1 +
      pages(errorRows((b) => !b.hasEnvironment)) +
      pages(errorRows((b) => !b.hasRelease)) +
      pages(errorRows((b) => b.userEmails + b.userIps > 0));
    const directory = parseStartups(JSON.stringify(startups), "betagouv-startups.json");
    const checklistTeams: ChecklistTeam[] = teams.map(({ slug, file, team }) => ({
      slug,
      file,
      name: team.name,
      startup: team.startup,
      projects: (team.projects ?? []).map((p) => p.slug),
    }));
    let requests = 0;
    let failing = 0;
    const run = await measure(
      async () => {
        const client = new SentryClient({ baseUrl: emulator.baseUrl, token: "bench", concurrency: CONCURRENCY });
        const result = buildReport(checklistTeams, await readMeasurements(client, "betagouv", { now: NOW }), directory);
        requests = client.stats.requests;
        failing = result.startups.filter((x) => x.status === "fail").length;
      },
      3,
      0,
    );
    const perProject = s.projects.size;
    return report(
      `checklist: ${checklistTeams.length} teams, ${s.projects.size} projects, ${s.rules.size} rules, ${LATENCY_MS} ms per request, ${CONCURRENCY} at a time`,
      [
        `wall time: ${ms(run)}; ${failing} startups with a ❌`,
        `requests: ${requests}, fewest pages the API allows: ${minimum} (ratio ${(requests / minimum).toFixed(2)})`,
        `one rule list per project, as the importer reads rules, would alone take ${perProject} requests`,
      ],
      [{ label: `no request beyond the fewest pages (${requests} of ${minimum})`, met: requests === minimum }],
    );
  } finally {
    await emulator.close();
  }
}
