// `npm run plan` as a fork's pull request runs it: no credentials, no network.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { teamDir, T } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

function plan(args: string[]): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const name of ["SENTRY_TOKEN", "SENTRY_AUTH_TOKEN", "GITHUB_TOKEN"]) delete env[name];
  try {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/cli/plan.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
      env,
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run plan", () => {
  it("--format json prints one document {resources: [{type, name, inputs, import?}]}", () => {
    const dir = teamDir({
      "demo.yaml": "name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    platform: node\n",
    });
    const result = plan(["--dir", dir, "--format", "json"]);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { resources: Record<string, unknown>[] };
    expect(Object.keys(document)).toEqual(["resources"]);
    for (const resource of document.resources) {
      expect(Object.keys(resource).filter((k) => !["type", "name", "inputs", "import"].includes(k))).toEqual([]);
      expect(typeof resource.type).toBe("string");
      expect(typeof resource.name).toBe("string");
    }
    expect(document.resources).toContainEqual({
      type: T.project,
      name: "demo",
      inputs: { organization: "betagouv", slug: "demo", name: "demo", platform: "node", teams: ["demo"] },
    });
    expect(document.resources.filter((r) => r.type === T.team)).toHaveLength(1);
  });

  it("prints a per-team Markdown summary by default", () => {
    const result = plan([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("## Sentry plan for stack `prod`");
    expect(result.stdout).toContain("### `aides-jeunes` — Aides Jeunes");
    expect(result.stdout).toContain(
      "| `carnet-de-bord` (carnet-de-bord) | python-django | betagouv/carnet-de-bord | **Nouvelle erreur ou régression** (default): new issue or regression · → team · every 30 min | scrubbing on, 10 sensitive / 0 safe fields, 4 inbound filters, key 600 events / 60 s |",
    );
  });

  it("refuses invalid files, printing the validator's errors", () => {
    const dir = teamDir({ "demo.yaml": "name: Demo\nmembres: []\n" });
    const result = plan(["--dir", dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `${dir}/demo.yaml:2:1: [unknown-key] clé inconnue \`membres\` au premier niveau du fichier : vouliez-vous écrire \`members\` ?`,
    );
    expect(result.stderr).toContain("The plan did not run");
  });
});
