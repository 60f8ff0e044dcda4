// npm run emulator / import / audit as ops run them, against an emulator in this process.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditOrganization, auditText } from "../src/adoption/audit";
import { readLiveOrganization } from "../src/adoption/live";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { SentryClient } from "../src/sentry/client";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { prodPolicy, ROOT } from "./helpers/team-files";

const TOKEN = "sntryu_cli-adoption-secret";
const run = promisify(execFile);
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
const model = () =>
  buildDesiredOrganization(
    validateTeamFiles(readTeamDirectory(join(ROOT, "teams"), ROOT), prodPolicy).teams,
    prodPolicy,
  );

async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, model());
  emulator.state.createTeam("orphan-team", "Orphan");
  emulator.state.createMember("lonely@beta.gouv.fr", "member");
  await emulator.listen();
});
afterAll(() => emulator.close());

describe("npm run import", () => {
  it("writes the team files and says where the report is; the token comes from the environment", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "cli-import-")), "teams");
    const result = await cli("import", ["--url", emulator.url, "--org", "betagouv", "--out", out], {
      SENTRY_AUTH_TOKEN: TOKEN,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Imported 4 team\(s\) of "betagouv" into .* \(\d+ requests\)\./);
    expect(readdirSync(out)).toContain("orphan-team.yaml");
    expect(readFileSync(join(out, "import-report.md"), "utf8")).toContain("member lonely@beta.gouv.fr is in no team");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("fails with one line on a wrong token (an environment error: exit 2), writes nothing, and does not echo the token", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "cli-import-")), "teams");
    const result = await cli("import", [
      "--url",
      emulator.url,
      "--token",
      "sntryu_wrong-secret",
      "--org",
      "betagouv",
      "--out",
      out,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "error: Sentry API GET organizations/betagouv/teams/ failed with HTTP 401: Invalid token\n",
    );
    expect(result.stderr).not.toContain("sntryu_wrong-secret");
    expect(() => readdirSync(out)).toThrow();
  });
});

describe("npm run audit", () => {
  it("lists what Sentry has that no file declares, and members in no team; exit 1", async () => {
    const result = await cli("audit", ["--url", emulator.url, "--org", "betagouv"], { SENTRY_AUTH_TOKEN: TOKEN });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("In Sentry, declared by no team file: teams (1):\n  - orphan-team");
    expect(result.stdout).toContain("Members in no team (1):\n  - lonely@beta.gouv.fr");
  });

  it("--format json", async () => {
    const result = await cli("audit", ["--url", emulator.url, "--org", "betagouv", "--format", "json"], {
      SENTRY_AUTH_TOKEN: TOKEN,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({
      organization: "betagouv",
      undeclared: { teams: ["orphan-team"], members: ["lonely@beta.gouv.fr"] },
      membersInNoTeam: ["lonely@beta.gouv.fr"],
    });
  });

  it("reports what the files declare and Sentry lacks, and says when both agree", async () => {
    const clean = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
    seedIntegrations(clean.state, prodPolicy);
    seedFromModel(clean.state, model());
    await clean.listen();
    try {
      const client = new SentryClient({ baseUrl: clean.baseUrl, token: TOKEN });
      expect(auditText(auditOrganization(await readLiveOrganization(client, "betagouv"), model()))).toBe(
        'Audit of "betagouv": Sentry and the team files agree.',
      );
      clean.state.deleteProject(clean.state.projectBySlug("carnet-de-bord")!);
      const report = auditOrganization(await readLiveOrganization(client, "betagouv"), model());
      expect(report.missing.projects).toEqual(["carnet-de-bord"]);
    } finally {
      await clean.close();
    }
  });
});

describe("npm run emulator", () => {
  it("serves a seeded organization on 127.0.0.1 and says it is a test double", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/emulator/main.ts", "--token", TOKEN, "--from", "teams"],
      { cwd: ROOT },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (data: Buffer) => resolve(data.toString()));
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(
        /^Sentry emulator \(a test double\) for organization "betagouv" at http:\/\/127\.0\.0\.1:\d+\/api\/\n$/,
      );
      const baseUrl = /(http:\S+)/.exec(line)![1];
      const teams = await new SentryClient({ baseUrl, token: TOKEN }).list<{ slug: string }>(
        "organizations/betagouv/teams/",
      );
      expect(teams.map((t) => t.slug)).toEqual(["aides-jeunes", "carnet-de-bord", "signal-conso-demo"]);
    } finally {
      child.kill();
    }
  });
});
