// The validator as CI runs it: exit codes and the three output formats.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/team-files";

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/cli/validate.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "teams-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("npm run validate", () => {
  it("exits 0 on the repository's teams/", () => {
    const result = run([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/team file\(s\) in teams are valid \(stack prod\)/);
  });

  it("exits 1 and prints PATH:LINE:COL lines for every error of every file", () => {
    const dir = folder({
      "a.yaml": "name: A\nmembres: []\n",
      "b.yaml": "name: B\nmembers: [Bad]\n",
      "ok.yaml": "name: Ok\n",
    });
    const result = run(["--dir", dir]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines.slice(0, 2)).toEqual([
      `${dir}/a.yaml:2:1: unknown key "membres" at the top level: did you mean "members"?`,
      `${dir}/b.yaml:2:11: item 1 of members: the text "Bad" must be a beta.gouv.fr handle such as \`camille.martin\`: lower-case letters, digits, \`.\` and \`-\``,
    ]);
    expect(lines[2]).toBe("2 error(s) in 2 of 3 team file(s).");
  });

  it("--format github prints workflow annotations", () => {
    const dir = folder({ "a.yaml": "name: A\nmembres: []\n" });
    const result = run(["--dir", dir, "--format", "github"]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(
      `::error file=${dir}/a.yaml,line=2,col=1,title=Team file::unknown key "membres" at the top level: did you mean "members"?`,
    );
  });

  it("--format json prints one document for tools", () => {
    const dir = folder({ "a.yaml": "name: A\nmembres: []\n", "b.yaml": "name: B\n" });
    const result = run(["--dir", dir, "--format", "json"]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      filesChecked: 2,
      errors: [
        {
          file: `${dir}/a.yaml`,
          line: 2,
          col: 1,
          message: 'unknown key "membres" at the top level: did you mean "members"?',
        },
      ],
    });
  });

  it.each([
    [["--stack", "nope"], 1, /no stack file .*Pulumi\.nope\.yaml: pass an existing stack with --stack NAME/],
    [["--dir", "/nonexistent"], 1, /cannot read team folder \/nonexistent/],
    [["--format", "xml"], 2, /unknown format "xml"/],
    [["--bogus"], 2, /Unknown option '--bogus'/],
  ] as const)("%j fails with a one-line error, no stack trace", (args, status, pattern) => {
    const result = run([...args]);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
