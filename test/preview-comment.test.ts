// The pull request's preview comment: rewritten on every outcome, summary first, the guard's verdict
// before merge, the detailed diff of changed rules, names inert.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePreview } from "../src/delivery/guard";
import { PREVIEW_COMMENT_MARK, previewComment } from "../src/delivery/preview-comment";
import { GitRepo } from "./helpers/git-repo";
import { ROOT } from "./helpers/team-files";

const fixture = (name: string) => join(ROOT, "test", "fixtures", "previews", name);
const document = (name: string) => parsePreview(readFileSync(fixture(name), "utf8"));
const RUN = "https://github.com/betagouv/sentry/actions/runs/1";
const P = "urn:pulumi:prod::sentry-incubateur::";
const ALERT = `${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryIssueAlert:SentryIssueAlert::demo/alert/`;
const STACK = { op: "same", urn: `${P}pulumi:pulumi:Stack::sentry-incubateur-prod` };

const done = (name: string, allowDeletions = false) =>
  previewComment({
    outcome: { kind: "done", document: document(name), allowDeletions, membersBefore: 0 },
    otherFiles: 0,
    runUrl: RUN,
  });

describe("previewComment", () => {
  it.each([
    [{ kind: "no-team-files" } as const, "**Live preview skipped**: no team file changed."],
    [{ kind: "invalid-files" } as const, "**Live preview not run**: team files have errors"],
    [{ kind: "failed", log: "error: 401 Unauthorized" } as const, "```\nerror: 401 Unauthorized\n```"],
  ])("says what happened when the live preview did not run: %j", (outcome, text) => {
    const comment = previewComment({ outcome, otherFiles: 0, runUrl: RUN });
    expect(comment.startsWith(`${PREVIEW_COMMENT_MARK}\n## Aperçu Sentry / Sentry preview`)).toBe(true);
    expect(comment).toContain(text);
    expect(comment).toContain(`[Journal complet / full log](${RUN})`);
  });

  it("summarizes, then says that a deletion needs the allow-deletions label before merge", () => {
    const comment = done("remove-team-file.with-sames.json");
    expect(comment).toContain("**4 changement(s)** / change(s): 4 × suppression / delete (7 inchangé(s) / unchanged).");
    expect(comment).toContain("this change **needs the `allow-deletions` label** before merge");
    expect(comment).toContain('- `would stop managing (retained in Sentry) Sentry team "ancienne" (urn:pulumi:prod::');
    expect(comment).toContain("| suppression / delete | `SentryTeam` | `ancienne` |");
  });

  it("says when the label allows it", () => {
    expect(done("remove-team-file.with-sames.json", true)).toContain("allowed by the reviewed `allow-deletions` label");
  });

  it("shows the detailed diff of a changed alert rule", () => {
    const old = { name: "Pic, prod", frequency: 30, conditions: [{ id: "first_seen" }] };
    const comment = previewComment({
      outcome: {
        kind: "done",
        document: {
          steps: [
            STACK,
            {
              op: "update",
              urn: `${ALERT}Pic, prod`,
              oldState: { type: "sentry:index/sentryIssueAlert:SentryIssueAlert", inputs: old } as never,
              newState: {
                type: "sentry:index/sentryIssueAlert:SentryIssueAlert",
                inputs: { ...old, frequency: 60 },
              } as never,
            },
          ],
          diagnostics: [],
        },
        allowDeletions: false,
        membersBefore: 0,
      },
      otherFiles: 2,
      runUrl: RUN,
    });
    expect(comment).toContain(
      "<details><summary>Règle d'alerte / Alert rule `demo/alert/Pic, prod`: modification / update</summary>",
    );
    expect(comment).toMatch(/```diff\n@@ [^\n]+\n[^]*- {2}"frequency": 30,\n\+ {2}"frequency": 60,/);
    expect(comment).toContain("2 other file(s) outside `teams/`");
  });

  it("keeps under GitHub's comment size with thousands of changes", () => {
    const steps = [
      STACK,
      ...Array.from({ length: 5000 }, (_, i) => ({ op: "create", urn: `${ALERT}rule number ${i} with a long name` })),
    ];
    const comment = previewComment({
      outcome: { kind: "done", document: { steps, diagnostics: [] }, allowDeletions: false, membersBefore: 0 },
      otherFiles: 0,
      runUrl: RUN,
    });
    expect(comment.length).toBeLessThan(65_536);
    expect(comment).toContain("**5000 changement(s)**");
    expect(comment).toContain("4800 de plus / more");
  });
});

describe("npm run -s preview-comment", () => {
  const run = (args: string[]) =>
    execFileSync(process.execPath, ["--import", "tsx", "src/cli/preview-comment.ts", "--run-url", RUN, ...args], {
      cwd: ROOT,
      encoding: "utf8",
    });

  it("shows a failed preview's own errors, from its JSON and its log", () => {
    const log = join(new GitRepo().dir, "preview.log");
    writeFileSync(log, "error: preview failed\n");
    const comment = run(["--outcome", "preview", "--preview", fixture("failed.json"), "--log", log]);
    expect(comment).toContain("**The live preview failed**");
    expect(comment).toContain("1 error(s) in the team files");
    expect(comment).toContain("error: preview failed");
  });

  it("shows a missing preview file as a failure, not as 'no change'", () => {
    expect(run(["--outcome", "preview", "--preview", "/nonexistent.json"])).toContain("**The live preview failed**");
  });
});

describe("npm run -s team-files", () => {
  it("takes regular team files from git's objects, never a link, a folder or another file, and names none", () => {
    const repo = new GitRepo();
    const head = repo.commit({
      "teams/a.yaml": "name: A\n",
      "teams/adoption.json": "{}",
      "teams/link.yaml": { link: "/etc/passwd" },
      "teams/sub/b.yaml": "name: B\n",
      "teams/notes.txt": "x",
      "teams/c.yml": "name: C\n",
    });
    repo.commit({ "teams/a.yaml": "name: changed\n" });
    const into = join(repo.dir, "out");
    execFileSync("mkdir", [into]);
    writeFileSync(join(into, "stale.yaml"), "name: Stale\n");
    const stdout = execFileSync(
      process.execPath,
      ["--import", require.resolve("tsx"), join(ROOT, "src/cli/team-files.ts"), "--revision", head, "--into", into],
      { cwd: repo.dir, encoding: "utf8" },
    );
    expect(stdout).toBe("written=2\nskipped=4\n");
    expect(readFileSync(join(into, "a.yaml"), "utf8")).toBe("name: A\n");
    expect(execFileSync("ls", ["-A", into], { encoding: "utf8" }).split("\n").filter(Boolean)).toEqual([
      "a.yaml",
      "adoption.json",
    ]);
  });
});
