// The checklist against the emulator: the endpoints it reads answer as Sentry does, the reader makes
// no request beyond the fewest pages, each seeded profile gets the statuses it should, and the CLI writes
// its three files.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMeasurements } from "../src/checklist/read";
import { evaluateProject, type RuleId, type Status } from "../src/checklist/rules";
import { seedTelemetry, type Profile } from "../src/emulator/seed-telemetry";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { SentryClient } from "../src/sentry/client";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { callEmulator } from "./helpers/emulator-http";
import { prodPolicy, ROOT } from "./helpers/team-files";

const TOKEN = "sntryu_checklist-secret";
const NOW = Date.parse("2026-03-31T12:00:00Z");
const emulator = new SentryEmulator({
  organization: "betagouv",
  tokens: {
    [TOKEN]: { kind: "user", scopes: ["org:read", "event:read", "team:read"] },
    noevents: { kind: "user", scopes: ["org:read"] },
    // Members in no team: they see the projects of their teams, and with project=-1 those their role reaches.
    manager: { kind: "user", scopes: ["org:read"], member: { email: "manager@beta.gouv.fr", orgRole: "manager" } },
    member: { kind: "user", scopes: ["org:read"], member: { email: "member@beta.gouv.fr", orgRole: "member" } },
  },
});
const files = realisticTeamFiles().slice(0, 60);
const teams = validateTeamFiles(
  files.map((f) => ({ file: f.file, bytes: Buffer.from(f.text) })),
  prodPolicy,
).teams;
const model = buildDesiredOrganization(teams, prodPolicy);
let profiles: Map<string, Profile>;
const client = () => new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });

beforeAll(async () => {
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, model, { acceptedInvitations: true });
  profiles = seedTelemetry(emulator.state, { now: NOW, seed: 7 });
  await emulator.listen();
});
afterAll(() => emulator.close());

describe("the endpoints the checklist reads, as Sentry answers them", () => {
  it.each<[string, string, number, unknown]>([
    [
      "a stats period the project list refuses",
      "organizations/betagouv/projects/?statsPeriod=31d",
      400,
      {
        error: {
          params: {
            stats_period: {
              message: "Invalid stats_period. Valid choices are '', '1h', '24h', '7d', '14d', '30d', and '90d'",
            },
          },
        },
      },
    ],
    [
      "outcomes with no category",
      "organizations/betagouv/stats_v2/?field=sum(quantity)&groupBy=project&statsPeriod=30d",
      400,
      { detail: "Query must have category as groupby or filter" },
    ],
    [
      "outcomes with an unknown field",
      "organizations/betagouv/stats_v2/?field=count()&category=transaction&statsPeriod=30d",
      400,
      { detail: 'Invalid field: "count()"' },
    ],
    [
      "an events query with no field",
      "organizations/betagouv/events/?dataset=errors&statsPeriod=30d",
      400,
      { detail: "No columns selected" },
    ],
  ])("%s", async (_name, path, status, body) => {
    const answer = await callEmulator(emulator, TOKEN, "GET", path);
    expect([answer.status, answer.body]).toEqual([status, body]);
  });

  // get_projects: no `project` = the token user's teams' projects; -1 = every project it can access.
  it.each<[string, string, string, "none" | "all"]>([
    ["a member in no team", "member", "", "none"],
    ["a member in no team, project=-1", "member", "?project=-1", "none"],
    ["a manager in no team", "manager", "", "none"],
    ["a manager, project=-1", "manager", "?project=-1", "all"],
    ["a token whose user is no member", TOKEN, "", "all"],
  ])("users and rules for %s", async (_name, token, query, expected) => {
    const users = await callEmulator(emulator, token, "GET", `organizations/betagouv/users/${query}`);
    const rules = await callEmulator(emulator, token, "GET", `organizations/betagouv/combined-rules/${query}`);
    const accepted = [...emulator.state.members.values()].filter(
      (m) =>
        m.userId !== null &&
        [...emulator.state.projects.values()].some((p) => p.teamIds.some((id) => m.teamRoles.has(id))),
    ).length;
    expect(accepted).toBeGreaterThan(0);
    expect([users.status, (users.body as unknown[]).length]).toEqual([200, expected === "all" ? accepted : 0]);
    expect([rules.status, Number(rules.headers.get("x-hits"))]).toEqual([
      200,
      expected === "all" ? emulator.state.rules.size : 0,
    ]);
  });

  it.each([
    "stats_v2/?field=sum(quantity)&category=transaction&statsPeriod=30d",
    "events/?dataset=errors&field=project.id&statsPeriod=30d",
  ])("%s needs event:read", async (path) => {
    expect((await callEmulator(emulator, "noevents", "GET", `organizations/betagouv/${path}`)).status).toBe(403);
  });

  it("gives 30 zero-filled days per project, and no time series when outcomes are grouped by project", async () => {
    const projects = (await callEmulator(emulator, TOKEN, "GET", "organizations/betagouv/projects/?statsPeriod=30d"))
      .body as { stats: [number, number][]; transactionStats?: unknown }[];
    expect(projects[0].stats).toHaveLength(30);
    expect(projects[0].stats[29][0]).toBe(Date.parse("2026-03-31T00:00:00Z") / 1000);
    expect(projects[0]).not.toHaveProperty("transactionStats");
    const stats = (
      await callEmulator(
        emulator,
        TOKEN,
        "GET",
        "organizations/betagouv/stats_v2/?field=sum(quantity)&groupBy=project&category=transaction&statsPeriod=30d&interval=1d",
      )
    ).body as Record<string, unknown>;
    expect(stats).not.toHaveProperty("intervals");
  });
});

describe("the reader", () => {
  it("makes exactly the fewest requests the API allows", async () => {
    const c = client();
    await readMeasurements(c, "betagouv", { now: NOW });
    const s = emulator.state;
    const pages = (n: number, size = 100) => Math.max(1, Math.ceil(n / size));
    const rows = (query: string) =>
      [...s.projects.values()].filter((p) =>
        s.telemetry
          .inPeriod(p.id, 30)
          .some(
            (b) =>
              b.type === "error" &&
              (query === "env"
                ? !b.hasEnvironment
                : query === "release"
                  ? !b.hasRelease
                  : b.userEmails + b.userIps > 0),
          ),
      ).length;
    const minimum =
      pages(s.projects.size) +
      1 +
      pages(s.rules.size) +
      1 +
      pages(rows("env")) +
      pages(rows("release")) +
      pages(rows("pii"));
    expect(c.stats.requests).toBe(minimum);
  });

  const expected: Record<Profile, Partial<Record<RuleId, Status | "not ok">>> = {
    healthy: {
      environment: "ok",
      release: "ok",
      performance: "ok",
      sampling: "ok",
      personalData: "ok",
      activity: "ok",
    },
    noEnvironment: { environment: "fail", release: "ok" },
    partialRelease: { environment: "ok", release: "not ok" },
    noPerformance: { performance: "warn", sampling: "na", activity: "ok" },
    sampleRateOne: { performance: "ok", sampling: "warn" },
    rateLimited: { sampling: "fail" },
    personalData: { personalData: "fail", environment: "ok" },
    dormant: { activity: "warn", environment: "na", performance: "na", sampling: "na", personalData: "na" },
    never: { activity: "fail", environment: "na", performance: "na" },
  };

  it("judges each seeded profile as it should, every profile present", async () => {
    const measurements = await readMeasurements(client(), "betagouv", { now: NOW });
    expect(new Set(profiles.values())).toEqual(new Set(Object.keys(expected)));
    for (const [slug, profile] of profiles) {
      const results = evaluateProject(measurements.projects.get(slug)!, measurements);
      for (const [rule, status] of Object.entries(expected[profile])) {
        const actual = results.find((r) => r.rule === rule)!.status;
        if (status === "not ok") expect(actual, `${slug} (${profile}) ${rule}`).not.toBe("ok");
        else expect(actual, `${slug} (${profile}) ${rule}`).toBe(status);
      }
      expect(results[0].status, `${slug} alerts`).toBe(
        model.projects.find((p) => p.slug === slug)!.alertRules.length > 0 ? "ok" : "fail",
      );
    }
  });

  it("asks a notified team for its members only when it shares its project with another team", async () => {
    const s = emulator.state;
    const slug = teams[1].team.projects![0].slug;
    const project = s.projectBySlug(slug)!;
    const other = s.createTeam("checklist-other-team", "Other");
    project.teamIds.push(other.id);
    try {
      const c = client();
      const before = emulator.requests.length;
      const measurements = await readMeasurements(c, "betagouv", { now: NOW });
      const asked = emulator.requests.slice(before).filter((r) => r.path.includes("/members/"));
      expect(asked.map((r) => r.path)).toEqual([`/api/0/teams/betagouv/${teams[1].slug}/members/`]);
      const accepted = [...s.members.values()].filter((m) => m.teamRoles.has(project.teamIds[0]) && m.userId).length;
      expect(measurements.acceptedMembersByTeam.get(project.teamIds[0])).toBe(accepted);
    } finally {
      project.teamIds.pop();
      s.teams.delete(other.id);
    }
  });

  it("a team whose members all have pending invitations reaches nobody", async () => {
    const team = emulator.state.teamBySlug(teams[0].slug)!;
    const saved = [...emulator.state.members.values()]
      .filter((m) => m.teamRoles.has(team.id))
      .map((m) => [m, m.userId] as const);
    for (const [member] of saved) member.userId = null;
    try {
      const measurements = await readMeasurements(client(), "betagouv", { now: NOW });
      const slug = teams[0].team.projects![0].slug;
      const alerts = evaluateProject(measurements.projects.get(slug)!, measurements)[0];
      expect([alerts.status, alerts.summary.fr]).toEqual([
        "fail",
        expect.stringContaining("aucun membre ayant accepté son invitation"),
      ]);
    } finally {
      for (const [member, userId] of saved) member.userId = userId;
    }
  });
});

describe("npm run checklist", () => {
  const run = promisify(execFile);
  async function cli(args: string[], env: Record<string, string | undefined>) {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/checklist.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, SENTRY_AUTH_TOKEN: undefined, ...env },
      });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("writes checklist.md, index.html and checklist.json for the team files, token from the environment", async () => {
    const out = mkdtempSync(join(tmpdir(), "checklist-"));
    const startups = join(out, "startups.json");
    writeFileSync(startups, JSON.stringify([{ id: "aides.jeunes", title: "Aides Jeunes", incubator: "dinum" }]));
    const result = await cli(["--url", emulator.url, "--org", "betagouv", "--out", out, "--startups", startups], {
      SENTRY_AUTH_TOKEN: TOKEN,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^checklist of 3 startups: /);
    expect(result.stdout).not.toContain(TOKEN);
    const json = JSON.parse(readFileSync(join(out, "checklist.json"), "utf8"));
    expect(
      json.startups.map((s: { team: string; incubator: { id: string } | null }) => [s.team, s.incubator?.id ?? null]),
    ).toEqual([
      ["aides-jeunes", "dinum"],
      ["carnet-de-bord", null],
      ["signal-conso-demo", null],
    ]);
    expect(readFileSync(join(out, "checklist.md"), "utf8")).toContain("| Aides Jeunes (`aides-jeunes`) | dinum |");
    expect(readFileSync(join(out, "index.html"), "utf8")).toMatch(/^<!doctype html>/);
  });

  it.each<[string, string[], Record<string, string>, RegExp]>([
    [
      "no token",
      ["--url", "http://127.0.0.1:9", "--org", "betagouv"],
      {},
      /set SENTRY_AUTH_TOKEN to a read-only Sentry token/,
    ],
    [
      "a stack without its file",
      ["--stack", "staging"],
      { SENTRY_AUTH_TOKEN: "x" },
      /^error: no stack file Pulumi\.staging\.yaml: pass an existing stack with --stack NAME \(help: npm run checklist -- --help\)\n$/,
    ],
    [
      "an unknown language",
      ["--url", "u", "--org", "o", "--lang", "de"],
      { SENTRY_AUTH_TOKEN: "x" },
      /^error: unknown value "de" for --lang: use fr or en \(help: npm run checklist -- --help\)\n$/,
    ],
  ])("refuses %s with a usage error", async (_name, args, env, message) => {
    const result = await cli(args, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
