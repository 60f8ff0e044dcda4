// Every command of package.json behaves the same way: `--help` prints the usage and the exit codes and
// does nothing else; an unknown option, a missing value or a missing required option is a usage error
// (exit 2, one line on stderr, nothing on stdout, no stack trace). Taken from package.json itself, so
// a new command is covered the day it is added.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { liveInstance } from "../src/cli/connection";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { ROOT } from "./helpers/team-files";

const run = promisify(execFile);
const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts;
/** The project's own commands: `tsx FILE`. test, lint and format run other tools. */
const COMMANDS = Object.entries(scripts)
  .filter(([, line]) => line.startsWith("tsx "))
  .map(([name, line]) => [name, line.slice("tsx ".length)] as const);

async function cli(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", file, ...args], {
      cwd: ROOT,
      env: { ...process.env, SENTRY_AUTH_TOKEN: "" },
      timeout: 60_000,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each case starts a Node process that loads the command (the plan loads the Pulumi SDK).
vi.setConfig({ testTimeout: 60_000 });

describe.each(COMMANDS)("npm run %s", (name, file) => {
  it("--help prints the usage, the options and the exit codes, exit 0, and runs nothing", async () => {
    const schemaWritten = statSync(join(ROOT, "schema/team.schema.json")).mtimeMs;
    const started = Date.now();
    const result = await cli(file, ["--help"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage ?: npm run (-s )?${name}( --|\\n)`));
    expect(result.stdout).toMatch(/\nOptions ?:\n/);
    expect(result.stdout).toMatch(/\n {2}-h, --help /);
    expect(result.stdout).toMatch(
      /\n(Exit codes|Codes de sortie) ?: 0 [^\n]*2 (usage or environment error|erreur d'utilisation ou d'environnement)\.\n$/,
    );
    // `bench` would take minutes and `schema` would rewrite files if --help ran them.
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(statSync(join(ROOT, "schema/team.schema.json")).mtimeMs).toBe(schemaWritten);
  });

  it("an unknown option: exit 2, one line naming it and where the help is, nothing on stdout", async () => {
    const result = await cli(file, ["--bogus"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(
        `^(error: unknown option --bogus \\(help|erreur : option inconnue --bogus \\(aide) ?: npm run (-s )?${name} -- --help\\)\\n$`,
      ),
    );
  });
});

describe("usage and environment errors", () => {
  it.each([
    ["src/cli/guard.ts", [], "error: --preview FILE is required (help: npm run guard -- --help)"],
    [
      "src/cli/preview-comment.ts",
      ["--outcome", "maybe", "--run-url", "u"],
      'error: unknown value "maybe" for --outcome: use no-team-files, invalid-files, job-failed or preview (help: npm run -s preview-comment -- --help)',
    ],
    ["src/cli/import.ts", ["--url", "http://x"], "error: --out DIR is required (help: npm run import -- --help)"],
    [
      "src/cli/audit.ts",
      ["--stack", "staging", "--token", "t"],
      "error: no stack file Pulumi.staging.yaml: pass an existing stack with --stack NAME (help: npm run audit -- --help)",
    ],
    [
      "src/cli/validate.ts",
      ["--format", "xml"],
      "erreur : valeur inconnue « xml » pour --format : text, github, json ou markdown (aide : npm run validate -- --help)",
    ],
    [
      "src/cli/plan.ts",
      ["--lang", "en", "--stack"],
      "error: --stack needs a value (--stack NAME) (help: npm run plan -- --help)",
    ],
  ])("%s %j: exit 2, one line", async (file, args, line) => {
    expect(await cli(file, args)).toEqual({ status: 2, stdout: "", stderr: `${line}\n` });
  });

  it.each([
    [
      ["--stack", "nope"],
      "erreur : pas de fichier de stack Pulumi.nope.yaml : donnez une stack existante avec --stack NOM",
    ],
    [
      ["--dir", "/nonexistent"],
      "erreur : impossible de lire le dossier d'équipes /nonexistent : donnez un dossier existant avec --dir DOSSIER",
    ],
    [
      ["--dir", "/nonexistent", "--lang", "en"],
      "error: cannot read team folder /nonexistent: pass an existing folder with --dir DIR",
    ],
  ])("plan %j: an environment error is exit 2, one line in the command's language", async (args, line) => {
    expect(await cli("src/cli/plan.ts", args)).toEqual({
      status: 2,
      stdout: "",
      stderr: `${line} (${line.startsWith("erreur") ? "aide :" : "help:"} npm run plan -- --help)\n`,
    });
  });

  it("the help of a startup command follows --lang", async () => {
    const english = await cli("src/cli/plan.ts", ["--help", "--lang", "en"]);
    expect(english.stdout).toMatch(
      /^usage: npm run plan -- \[--dir DIR\] \[--stack NAME\] \[--format markdown\|json\]/,
    );
    expect(english.stdout).toContain("Exit codes: 0 plan written; 1 invalid team files; 2 usage or environment error.");
  });
});

describe("npm run -s, as the README says", () => {
  // What the README tells readers to type, through npm itself: its banner goes to stdout.
  const npm = async (args: string[]) =>
    (await run("npm", args, { cwd: ROOT, env: { ...process.env, CI: "true" }, timeout: 60_000 })).stdout;

  it("keeps stdout pure JSON; without -s, npm's banner comes first", async () => {
    const silent = await npm(["run", "-s", "validate", "--", "--format", "json"]);
    expect(JSON.parse(silent)).toMatchObject({ errors: [] });
    const loud = await npm(["run", "validate", "--", "--format", "json"]);
    expect(loud).toMatch(/^\n> sentry-incubateur-gitops@[\d.]+ validate\n/);
    expect(() => JSON.parse(loud)).toThrow();
  });

  it("a reader that has gone (`| head`, here `| true`) gets no error line and no failure", async () => {
    const line = `${process.execPath} --import tsx src/cli/validate.ts --format json | true`;
    const { stderr } = await run("bash", ["-o", "pipefail", "-c", line], { cwd: ROOT, timeout: 60_000 });
    expect(stderr).toBe("");
  });
});

// `script` (util-linux) runs a command on a pseudo-terminal: the only way to see what a person sees.
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasScript)("progress", () => {
  it("a long command shows progress on a terminal's stderr while stdout, redirected, stays pure JSON", () => {
    const out = join(mkdtempSync(join(tmpdir(), "cli-progress-")), "plan.json");
    // Enough teams that declaring them outlasts the status line's 100 ms interval on an idle machine.
    const teams = mkdtempSync(join(tmpdir(), "cli-progress-teams-"));
    for (const { file, text } of realisticTeamFiles().slice(0, 60)) writeFileSync(join(teams, basename(file)), text);
    const line = `${process.execPath} --import tsx src/cli/plan.ts --dir ${teams} --format json > ${out}`;
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm" };
    delete env.CI;
    const terminal = execFileSync("script", ["-qec", line, "/dev/null"], { cwd: ROOT, env, encoding: "utf8" });
    const clearLine = "\r\u001b[2K";
    expect(terminal.split(clearLine)).toContainEqual(expect.stringMatching(/^plan : [\d ]+ ressources déclarées$/));
    expect(terminal.endsWith(clearLine)).toBe(true);
    expect(JSON.parse(readFileSync(out, "utf8")).resources.length).toBeGreaterThan(10);
  });

  it("in CI, even on a terminal, nothing but the result", () => {
    const out = join(mkdtempSync(join(tmpdir(), "cli-progress-")), "plan.json");
    const line = `${process.execPath} --import tsx src/cli/plan.ts --format json > ${out}`;
    const terminal = execFileSync("script", ["-qec", line, "/dev/null"], {
      cwd: ROOT,
      env: { ...process.env, CI: "true" },
      encoding: "utf8",
    });
    expect(terminal).toBe("");
  });
});

describe("the live commands' instance", () => {
  it.each([
    [{ stack: "prod" }, { url: "https://sentry.incubateur.net/api/", org: "betagouv" }],
    [
      { stack: "prod", url: "http://localhost:9000" },
      { url: "http://localhost:9000", org: "betagouv" },
    ],
    [
      { stack: "prod", org: "other" },
      { url: "https://sentry.incubateur.net/api/", org: "other" },
    ],
  ])("%j -> %j: the stack's unless given, so workflows name neither", (values, expected) => {
    const { url, org, policy } = liveInstance(values, ROOT);
    expect({ url, org }).toEqual(expected);
    expect(policy.organization).toBe("betagouv");
  });
});
