// Removing members whose access has ended: the rewrite keeps every other line as written, the CLI the
// scheduled workflow runs, and the workflow's own shell run against git and a stand-in for `gh`.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { expiredMembersBody } from "../src/delivery/expired-members";
import { removeEndedMembers } from "../src/team-file/expired-members";
import { GitRepo } from "./helpers/git-repo";
import { messages, ROOT, validate } from "./helpers/team-files";

const TODAY = "2025-06-30";

describe("removing the members whose access has ended", () => {
  const file = `# yaml-language-server: $schema=../schema/team.schema.json
name: Demo                         # l'équipe
members:
  - camille.martin
  - handle: lea.durand             # fin de mission
    until: 2025-06-30
  # Alex reste jusqu'en 2031
  - email: alex@beta.gouv.fr
    until: 2031-01-01
  - {handle: sacha.bernard, until: "2025-01-01"}
projects:
  - slug: demo
    alerts:
      - name: A
        when: [new-issue]
        notify: [team, {member: lea.durand}]   # équipe et Léa
      - name: B
        when: [regression]
        notify:
          - member: sacha.bernard
      - name: C
        when: [reappeared]
        notify: [{member: sacha.bernard}, {member: lea.durand}]
    performance:
      - name: P
        p95: 2s
        per: 10m
        notify:
          - member: lea.durand
          - member: camille.martin
`;

  it("cuts their entries and their alert recipients out of the text, every other line as written", () => {
    const result = removeEndedMembers(file, TODAY)!;
    expect(result.removed).toEqual([
      { who: "lea.durand", until: "2025-06-30" },
      { who: "sacha.bernard", until: "2025-01-01" },
    ]);
    expect(result.recipients).toBe(5);
    expect(result.text).toBe(`# yaml-language-server: $schema=../schema/team.schema.json
name: Demo                         # l'équipe
members:
  - camille.martin
  # Alex reste jusqu'en 2031
  - email: alex@beta.gouv.fr
    until: 2031-01-01
projects:
  - slug: demo
    alerts:
      - name: A
        when: [new-issue]
        notify: [team]   # équipe et Léa
      - name: B
        when: [regression]
        notify:
          - team
      - name: C
        when: [reappeared]
        notify: [team]
    performance:
      - name: P
        p95: 2s
        per: 10m
        notify:
          - member: camille.martin
`);
    expect(messages(validate({ "teams/demo.yaml": file }))).toEqual([]);
    expect(messages(validate({ "teams/demo.yaml": result.text }))).toEqual([]);
  });

  it.each([
    [
      "every member of a block list",
      "name: A\nmembers:\n  - handle: a.b\n    until: 2020-01-01\n  - email: c@beta.gouv.fr\n    until: 2025-06-30\nrepositories: [betagouv/x]\n",
      "name: A\nmembers: []\nrepositories: [betagouv/x]\n",
    ],
    [
      "one member of a flow list",
      "name: A\nmembers: [{handle: a.b, until: 2020-01-01}, c.d]\n",
      "name: A\nmembers: [c.d]\n",
    ],
    [
      "the last member, at the end of the file without a line break",
      "name: A\nmembers:\n  - c.d\n  - handle: a.b\n    until: 2020-01-01",
      "name: A\nmembers:\n  - c.d\n",
    ],
  ])("%s", (_case, text, expected) => {
    expect(removeEndedMembers(text, TODAY)!.text).toBe(expected);
  });

  it("leaves a file alone when no access has ended, the day before included", () => {
    expect(removeEndedMembers(file, "2024-12-31")).toBeUndefined();
    expect(removeEndedMembers("name: A\nmembers: [a.b]\n", TODAY)).toBeUndefined();
    expect(removeEndedMembers(file, "2025-01-01")!.removed.map((m) => m.who)).toEqual(["sacha.bernard"]);
  });
});

describe("the pull request body", () => {
  it("is French first, English in a fold, names escaped, with what the owners must fix", () => {
    const body = expiredMembersBody({
      file: "teams/demo.yaml",
      removed: [{ who: "lea.durand", until: "2025-06-30" }],
      recipients: 2,
      errors: ["teams/demo.yaml:9:9: [alert-same-body] ``` <b>"],
    });
    expect(body.indexOf("### Fin d'accès")).toBe(0);
    expect(body).toContain("| lea\\.durand | 30 juin 2025 |");
    expect(body).toContain("| lea\\.durand | 30 June 2025 |");
    expect(body).toContain("2 destinataire(s) d'alerte");
    expect(body).toContain("````\nteams/demo.yaml:9:9: [alert-same-body] ``` <b>\n````");
    expect(body.indexOf("<details><summary>English</summary>")).toBeGreaterThan(
      body.indexOf("fermez-la puis rouvrez-la"),
    );
  });
});

const cli = (cwd: string, ...args: string[]) => {
  try {
    const stdout = execFileSync(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "src/cli/expired-members.ts"), ...args],
      {
        cwd,
        encoding: "utf8",
        stdio: "pipe",
      },
    );
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    return error as { status: number; stdout: string; stderr: string };
  }
};

/** A checkout with the prod stack file and these team files. */
function checkout(teams: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "expired-"));
  mkdirSync(join(dir, "teams"));
  copyFileSync(join(ROOT, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  for (const [name, text] of Object.entries(teams)) writeFileSync(join(dir, "teams", name), text);
  return dir;
}

const ENDED = "name: Alpha\nmembers:\n  - a.b\n  - handle: lea.durand\n    until: 2020-01-31\n";
const CURRENT = "name: Beta\nmembers:\n  - handle: sacha.bernard\n    until: 2999-12-31\n";

describe("npm run -s expired-members", () => {
  it("lists the valid files with an ended access, then rewrites one, writes the body and prints the title", () => {
    const dir = checkout({ "alpha.yaml": ENDED, "beta.yaml": CURRENT, "gamma.yaml": ENDED.replace("Alpha", "Gamma") });
    expect(cli(dir, "--list")).toMatchObject({ status: 0, stdout: "alpha\ngamma\n" });
    expect(cli(dir, "--list", "--today", "2020-01-30")).toMatchObject({ status: 0, stdout: "" });
    const done = cli(dir, "--team", "gamma", "--body", "body.md");
    expect(done).toMatchObject({ status: 0, stdout: "Fin d'accès : retirer les membres expirés de gamma\n" });
    expect(readFileSync(join(dir, "teams/gamma.yaml"), "utf8")).toBe("name: Gamma\nmembers:\n  - a.b\n");
    expect(readFileSync(join(dir, "body.md"), "utf8")).toContain("| lea\\.durand | 31 janvier 2020 |");
    expect(cli(dir, "--list").stdout).toBe("alpha\n");
    expect(cli(dir, "--team", "beta", "--body", "body.md")).toMatchObject({
      status: 1,
      stderr: "no valid team file teams/beta.yaml with a member whose access has ended\n",
    });
  });

  it.each([[[]], [["--list", "--team", "a"]], [["--team", "a"]], [["--list", "--today", "30/06/2025"]]])(
    "%j is a usage error",
    (args) => {
      const result = cli(checkout({}), ...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: [^\n]* \(help: npm run -s expired-members -- --help\)\n$/);
    },
  );
});

describe(".github/workflows/expired-members.yml, its shell run against git and a stand-in for gh", () => {
  const workflow = parse(readFileSync(join(ROOT, ".github/workflows/expired-members.yml"), "utf8"));
  const step = workflow.jobs["pull-requests"].steps.find((s: { run?: string }) => s.run?.includes("--list"));

  it("runs every morning and by hand, with only the job's token, on the one step that pushes", () => {
    expect(Object.keys(workflow.on)).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.concurrency).toEqual({ group: "expired-members", "cancel-in-progress": false });
    expect(step.env).toEqual({ GH_TOKEN: "${{ github.token }}" });
    expect(workflow.jobs["pull-requests"].steps[0].with).toEqual({ "persist-credentials": false });
  });

  it("opens one pull request per team, leaves an unchanged branch alone, and closes a pull request no longer needed", () => {
    const origin = mkdtempSync(join(tmpdir(), "origin-"));
    execFileSync("git", ["init", "-q", "--bare", "-b", "main", origin]);
    const repo = new GitRepo();
    const pulumi = readFileSync(join(ROOT, "Pulumi.prod.yaml"), "utf8");
    repo.commit({
      "Pulumi.prod.yaml": pulumi,
      "teams/alpha.yaml": ENDED,
      "teams/beta.yaml": CURRENT,
      "teams/gamma.yaml": ENDED.replace("Alpha", "Gamma"),
    });
    repo.git("remote", "add", "origin", origin);
    repo.git("push", "-q", "origin", "main");

    const bin = mkdtempSync(join(tmpdir(), "bin-"));
    writeFileSync(
      join(bin, "npm"),
      `#!/usr/bin/env bash\n# npm run -s expired-members -- ARGS\nexec "${ROOT}/node_modules/.bin/tsx" "${ROOT}/src/cli/expired-members.ts" "\${@:5}"\n`,
      { mode: 0o755 },
    );
    copyFileSync(join(ROOT, "test/helpers/fake-gh.js"), join(bin, "gh"));
    execFileSync("chmod", ["+x", join(bin, "gh")]);
    const state = join(bin, "prs.json");
    const log = join(bin, "gh.log");
    const run = () =>
      execFileSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
        cwd: repo.dir,
        encoding: "utf8",
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          GH_TOKEN: "token",
          GITHUB_REPOSITORY: "betagouv/sentry-teams",
          GITHUB_REF_NAME: "main",
          FAKE_GH_STATE: state,
          FAKE_GH_LOG: log,
        },
      });
    const calls = () =>
      readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
    const branchHead = (name: string) =>
      execFileSync("git", ["-C", origin, "rev-parse", name], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    const showAt = (rev: string, path: string) =>
      execFileSync("git", ["-C", origin, "show", `${rev}:${path}`], { encoding: "utf8" });

    expect(run()).toContain("2 team(s) with members whose access has ended");
    expect(calls()).toEqual([
      {
        call: "create",
        number: 1,
        head: "expired-members/alpha",
        base: "main",
        title: "Fin d'accès : retirer les membres expirés de alpha",
      },
      {
        call: "create",
        number: 2,
        head: "expired-members/gamma",
        base: "main",
        title: "Fin d'accès : retirer les membres expirés de gamma",
      },
    ]);
    expect(showAt("expired-members/alpha", "teams/alpha.yaml")).toBe("name: Alpha\nmembers:\n  - a.b\n");
    expect(showAt("expired-members/alpha", "teams/gamma.yaml")).toBe(ENDED.replace("Alpha", "Gamma"));
    expect(branchHead("expired-members/alpha^")).toBe(branchHead("main"));
    const alphaHead = branchHead("expired-members/alpha");

    // The same day again: nothing pushed, the pull requests' text refreshed.
    writeFileSync(log, "");
    expect(run()).toContain("expired-members/alpha is up to date");
    expect(branchHead("expired-members/alpha")).toBe(alphaHead);
    expect(calls().map((c) => [c.call, c.number])).toEqual([
      ["edit", 1],
      ["edit", 2],
    ]);

    // Gamma's owners removed the member themselves: its pull request is closed and its branch deleted.
    repo.git("switch", "-q", "main");
    repo.commit({ "teams/gamma.yaml": "name: Gamma\nmembers: [a.b]\n" });
    repo.git("push", "-q", "origin", "main");
    writeFileSync(log, "");
    run();
    expect(calls().map((c) => [c.call, c.number])).toEqual([
      ["edit", 1],
      ["close", 2],
    ]);
    expect(() => branchHead("expired-members/gamma")).toThrow();
    expect(branchHead("expired-members/alpha^")).toBe(branchHead("main"));
  }, 180_000);
});
