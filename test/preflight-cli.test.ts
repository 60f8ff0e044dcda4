// npm run preflight as ops run it: the example team files of this repository, the Sentry emulator and the
// GitHub double in this process, tokens from the environment; exit 0, 1 or 2.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GithubEmulator } from "../src/emulator/github/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { ALL_SCOPES, SentryEmulator } from "../src/emulator/server";
import { buildDesiredOrganization } from "../src/model/organization";
import { readValidTeams } from "../src/team-file/load";
import { prodPolicy, ROOT } from "./helpers/team-files";

const SENTRY_TOKEN = "sntryu_cli-preflight-secret";
const GITHUB_TOKEN = "ghp_cli-preflight-secret";
const run = promisify(execFile);

const sentry = new SentryEmulator({
  organization: "betagouv",
  tokens: {
    [SENTRY_TOKEN]: { kind: "user", scopes: ALL_SCOPES, member: { email: "deploy@beta.gouv.fr", orgRole: "manager" } },
  },
});
const github = new GithubEmulator([GITHUB_TOKEN]);

beforeAll(async () => {
  seedIntegrations(sentry.state, prodPolicy);
  seedFromModel(
    sentry.state,
    buildDesiredOrganization(readValidTeams(join(ROOT, "teams"), prodPolicy, "they are the examples"), prodPolicy),
  );
  const installation = github.addInstallation(51044792, "betagouv");
  for (const name of ["aides-jeunes", "aides-jeunes-infra", "carnet-de-bord"])
    installation.repositoryIds.add(github.addRepository("betagouv", name).id);
  await Promise.all([sentry.listen(), github.listen()]);
});
afterAll(() => Promise.all([sentry.close(), github.close()]));

async function preflight(args: string[], env: Record<string, string | undefined> = {}) {
  const environment: Record<string, string | undefined> = {
    ...process.env,
    SENTRY_AUTH_TOKEN: SENTRY_TOKEN,
    GITHUB_TOKEN,
    GITHUB_API_URL: `${github.url}/api/v3/`,
    ...env,
  };
  for (const key of Object.keys(environment)) if (environment[key] === undefined) delete environment[key];
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/preflight.ts", ...args], {
      cwd: ROOT,
      env: environment as NodeJS.ProcessEnv,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const live = () => ["--url", sentry.url, "--org", "betagouv"];
/** For runs that stop before any request. */
const NOWHERE = ["--url", "http://127.0.0.1:9", "--org", "betagouv"];

describe("npm run preflight", () => {
  it("exits 0 when everything holds, one line per check, and prints no token", async () => {
    const result = await preflight(live());
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n").slice(1, -1)).toEqual([
      expect.stringMatching(/^ok +sentry-version +Sentry 25\.8\.0, at least 24\.8\.0$/),
      expect.stringMatching(/^ok +token-scopes /),
      expect.stringMatching(/^ok +token-user +the token's account deploy@beta\.gouv\.fr is a dedicated manager/),
      expect.stringMatching(/^ok +features /),
      expect.stringMatching(/^ok +github-installation +installation 51044792 on betagouv: 3 selected repositories$/),
      expect.stringMatching(/^ok +repository-names +3 repositories of the team files, spelled as GitHub does$/),
    ]);
    expect(result.stdout + result.stderr).not.toMatch(new RegExp(`${SENTRY_TOKEN}|${GITHUB_TOKEN}`));
  });

  it("exits 1 with findings; --format json is one document with the sources", async () => {
    sentry.state.features.delete("organizations:team-roles");
    try {
      const result = await preflight([...live(), "--format", "json"]);
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout) as { exitCode: number; results: { status: string; source?: string }[] };
      expect(report.exitCode).toBe(1);
      expect(report.results.filter((r) => r.status === "finding")).toEqual([
        expect.objectContaining({ source: expect.stringContaining("permanent.py@896604d6") }),
      ]);
    } finally {
      sentry.state.features.add("organizations:team-roles");
    }
  });

  it("--token-kind read-only checks the token a preview uses", async () => {
    const result = await preflight([...live(), "--token-kind", "read-only"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FINDING token-scopes +the read-only token can change the organization \(/m);
  });

  it("--help says what it checks and exits 0", async () => {
    const result = await preflight(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run preflight -- \[--url URL\] \[--org ORG\]/);
    expect(result.stdout).toContain("Exit codes: 0 everything holds; 1 findings; 2 usage or environment error.");
    expect(result.stdout).toContain("A check that could not run (an unreachable server) makes the exit code 2");
  });

  it.each<[string, string[], Record<string, string | undefined>, RegExp]>([
    [
      "a stack without its file",
      ["--stack", "staging"],
      {},
      /^error: no stack file Pulumi\.staging\.yaml: pass an existing stack with --stack NAME \(help: npm run preflight -- --help\)\n$/,
    ],
    [
      "an unknown token kind",
      [...NOWHERE, "--token-kind", "admin"],
      {},
      /^error: unknown value "admin" for --token-kind: use deploy or read-only/,
    ],
    [
      "an unknown format",
      [...NOWHERE, "--format", "xml"],
      {},
      /^error: unknown value "xml" for --format: use text or json/,
    ],
    [
      "an unknown option",
      [...NOWHERE, "--tokne", "x"],
      {},
      /^error: unknown option --tokne \(help: npm run preflight -- --help\)\n$/,
    ],
    [
      "no Sentry token",
      NOWHERE,
      { SENTRY_AUTH_TOKEN: undefined, SENTRY_TOKEN: SENTRY_TOKEN },
      /^error: set SENTRY_AUTH_TOKEN/,
    ],
    [
      "another organization than the stack's",
      ["--url", "http://127.0.0.1:9", "--org", "other"],
      {},
      /^error: --org other is not the organization of stack prod \(betagouv\)/,
    ],
  ])("exits 2 on a usage or environment error: %s", async (_label, args, env, stderr) => {
    const result = await preflight(args, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(stderr);
    expect(result.stdout).toBe("");
  });

  it("exits 2 when the team files are invalid, with their located errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-teams-"));
    writeFileSync(join(dir, "alpha.yaml"), "name: Alpha\nplateform: x\n");
    const result = await preflight([...live(), "--dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: 1 error\(s\) in the team files of .*; fix them first \(npm run validate\):\n.*alpha\.yaml:2:1: \[unknown-key\] .*`plateform`/,
    );
  });

  it("exits 2 when Sentry cannot be reached: every Sentry check says it could not run", async () => {
    const closed = new SentryEmulator({ organization: "betagouv", tokens: SENTRY_TOKEN });
    const url = await closed.listen();
    await closed.close();
    const result = await preflight(["--url", url, "--org", "betagouv"]);
    expect(result.status).toBe(2);
    const errors = result.stdout.split("\n").filter((line) => line.startsWith("ERROR"));
    expect(errors.map((line) => line.split(/ +/)[1])).toEqual([
      "sentry-version",
      "token-scopes",
      "token-user",
      "features",
    ]);
    expect(errors[0]).toMatch(
      /could not check: Sentry API GET \.\.\/client-config\/ failed: network error \(ECONNREFUSED\)$/,
    );
  });
});
