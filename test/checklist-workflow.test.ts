// The checklist's scheduled workflow: least privilege (no permission by default, read-only checkout, the
// read-only Sentry token on the one step that reads Sentry), actions pinned by commit, Pages only when
// ops turn it on. GitHub's parser and actionlint check it in workflows.test.ts with the others.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/team-files";

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  environment?: string | { name: string };
  steps: Step[];
}
const text = readFileSync(join(ROOT, ".github/workflows/checklist.yml"), "utf8");
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};
const { build, publish } = workflow.jobs;

// Inputs of each action at the pinned commit (its action.yml, read from the actions' repositories).
const ACTIONS: Record<string, { sha: string; inputs: string[] }> = {
  "actions/checkout": {
    sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", // v7.0.1
    inputs: ["repository", "ref", "token", "persist-credentials", "path", "fetch-depth"],
  },
  "actions/setup-node": {
    sha: "820762786026740c76f36085b0efc47a31fe5020", // v7.0.0
    inputs: ["node-version", "node-version-file", "cache", "cache-dependency-path"],
  },
  "actions/upload-artifact": {
    sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", // v7.0.0
    inputs: ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite"],
  },
  "actions/upload-pages-artifact": {
    sha: "fc324d3547104276b827a68afc52ff2a11cc49c9", // v5.0.0
    inputs: ["name", "path", "retention-days"],
  },
  "actions/deploy-pages": { sha: "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", inputs: ["token", "timeout"] }, // v5.0.0
};
const allSteps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe(".github/workflows/checklist.yml", () => {
  it("runs on a schedule and by hand, never on pull requests", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  });

  it("grants nothing by default; the build only reads the repository; only the publish job writes Pages", () => {
    expect(workflow.permissions).toEqual({});
    expect(build.permissions).toEqual({ contents: "read" });
    expect(publish.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(publish.environment).toMatchObject({ name: "github-pages" });
  });

  it("pins every action by commit, with inputs the action has", () => {
    for (const step of allSteps.filter((s) => s.uses)) {
      const [name, ref] = step.uses!.split("@");
      expect(ACTIONS[name], name).toBeDefined();
      expect(ref).toBe(ACTIONS[name].sha);
      expect(Object.keys(step.with ?? {}).filter((k) => !ACTIONS[name].inputs.includes(k))).toEqual([]);
    }
    expect(build.steps[0].with).toMatchObject({ "persist-credentials": false });
  });

  it("gives the read-only Sentry token to the measuring step only, never to npm ci or the job", () => {
    const withSecrets = allSteps.filter((s) => JSON.stringify(s).includes("secrets."));
    expect(withSecrets.map((s) => s.run)).toEqual(["npm run -s checklist -- --out checklist"]);
    expect(withSecrets[0].env).toEqual({ SENTRY_AUTH_TOKEN: "${{ secrets.SENTRY_CHECKLIST_READ_TOKEN }}" });
    expect(build.environment).toBe("sentry-read-only");
    expect(text.match(/secrets\./g)).toHaveLength(1);
    expect(workflow.env).toBeUndefined();
    expect(build.env).toBeUndefined();
  });

  it("keeps the result as an artifact, and publishes it only when ops set CHECKLIST_PAGES", () => {
    const artifact = build.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(artifact?.with).toMatchObject({ path: "checklist/", "if-no-files-found": "error" });
    const pagesArtifact = build.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"));
    expect(pagesArtifact?.if).toBe("vars.CHECKLIST_PAGES == 'true'");
    expect(publish.if).toBe("vars.CHECKLIST_PAGES == 'true'");
    expect(publish.needs).toBe("build");
  });
});
