// Importing an emulated organization at the real scale, with a per-request latency like a remote
// server's: wall time, and requests made against the fewest pages the API allows.
import { importOrganization } from "../src/adoption/importer";
import { readLiveOrganization } from "../src/adoption/live";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { SentryClient } from "../src/sentry/client";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy } from "../test/helpers/team-files";
import { measure, ms, report } from "./measure";

const LATENCY_MS = 20;
const CONCURRENCY = 8;
const pages = (items: number, perPage = 100) => Math.max(1, Math.ceil(items / perPage));

export async function benchImport(): Promise<boolean> {
  const inputs = realisticTeamFiles().map((f) => ({ file: f.file, bytes: Buffer.from(f.text) }));
  const model = buildDesiredOrganization(validateTeamFiles(inputs, prodPolicy).teams, prodPolicy);
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: "bench", latencyMs: LATENCY_MS });
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, model);
  await emulator.listen();
  try {
    const s = emulator.state;
    const membersPerTeam = [...s.teams.values()].map(
      (t) => [...s.members.values()].filter((m) => m.teamRoles.has(t.id)).length,
    );
    const rulesPerProject = [...s.projects.values()].map(
      (p) => [...s.rules.values()].filter((r) => r.projectId === p.id).length,
    );
    const keysPerProject = [...s.projects.values()].map(
      (p) => [...s.keys.values()].filter((k) => k.projectId === p.id).length,
    );
    const mappingsPerIntegration = [...s.integrations.values()].map(
      (i) => [...s.codeMappings.values()].filter((m) => m.integrationId === i.id).length,
    );
    const minimum =
      pages(s.teams.size) +
      pages(s.projects.size) +
      pages(s.members.size) +
      pages(s.repositories.size) +
      pages(s.integrations.size) +
      pages(s.metricAlerts.size) +
      mappingsPerIntegration.reduce((sum, n) => sum + pages(n), 0) +
      membersPerTeam.reduce((sum, n) => sum + pages(n), 0) +
      // Per project: its rules, its detail (scrubbing settings) and its keys (rate limits).
      rulesPerProject.reduce((sum, n) => sum + pages(n), 0) +
      s.projects.size +
      keysPerProject.reduce((sum, n) => sum + pages(n, 10), 0);

    let requests = 0;
    let files = 0;
    const run = await measure(
      async () => {
        const client = new SentryClient({ baseUrl: emulator.baseUrl, token: "bench", concurrency: CONCURRENCY });
        files = importOrganization(await readLiveOrganization(client, "betagouv"), prodPolicy).files.size;
        requests = client.stats.requests;
      },
      3,
      0,
    );
    const serial = (minimum * LATENCY_MS) / 1000;
    return report(
      `import: ${s.teams.size} teams, ${s.projects.size} projects, ${s.members.size} members, ${LATENCY_MS} ms per request, ${CONCURRENCY} at a time`,
      [
        `wall time: ${ms(run)} for ${files} team files`,
        `requests: ${requests}, fewest pages the API allows: ${minimum} (ratio ${(requests / minimum).toFixed(2)})`,
        `one request at a time would take at least ${serial.toFixed(1)} s (ratio to it ${(run.medianMs / 1000 / serial).toFixed(2)})`,
      ],
      [{ label: `no request beyond the fewest pages (${requests} of ${minimum})`, met: requests === minimum }],
    );
  } finally {
    await emulator.close();
  }
}
