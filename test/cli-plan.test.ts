// `npm run plan` as a fork's pull request runs it: no credentials, no network; in the stack's language
// (French for prod) unless --lang says otherwise; with --base, only the teams the pull request changes.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitRepo } from "./helpers/git-repo";
import { teamDir, T } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

function plan(args: string[], cwd = ROOT): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const name of ["SENTRY_TOKEN", "SENTRY_AUTH_TOKEN", "GITHUB_TOKEN"]) delete env[name];
  try {
    const stdout = execFileSync(
      process.execPath,
      ["--import", require.resolve("tsx"), join(ROOT, "src/cli/plan.ts"), ...args],
      { cwd, encoding: "utf8", stdio: "pipe", env },
    );
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

  it("prints a per-team Markdown summary, in French by the prod stack's setting", () => {
    const result = plan([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("## Plan Sentry de la stack `prod`");
    expect(result.stdout).toMatch(/\n3 équipes · 4 projets · 4 membres · 3 dépôts GitHub · \d+ ressources déclarées\n/);
    expect(result.stdout).toContain("### `aides-jeunes` — Aides Jeunes");
    expect(result.stdout).toContain("| Membre | Rôle dans l'équipe |");
    expect(result.stdout).toContain(
      "| `carnet-de-bord` (carnet-de-bord) | python-django | betagouv/carnet-de-bord (main) | **Nouvelle erreur ou régression** (par défaut) : nouveau problème ou régression · → équipe · au plus toutes les 30 min | masquage actif, 10 champs masqués / 0 exemptés, 4 filtres d'entrée, clé 600 événements / 60 s |",
    );
  });

  it("--lang en prints English", () => {
    const result = plan(["--lang", "en"]);
    expect(result.stdout).toContain("## Sentry plan for stack `prod`");
    expect(result.stdout).toContain(
      "| `carnet-de-bord` (carnet-de-bord) | python-django | betagouv/carnet-de-bord (main) | **Nouvelle erreur ou régression** (default): new issue or regression · → team · every 30 min | scrubbing on, 10 sensitive / 0 safe fields, 4 inbound filters, key 600 events / 60 s |",
    );
  });

  it("refuses invalid files, printing the validator's errors in the stack's language (or --lang)", () => {
    const dir = teamDir({ "demo.yaml": "name: Demo\nmembres: []\n" });
    const result = plan(["--dir", dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        `${dir}/demo.yaml:2:1: [unknown-key] clé inconnue \`membres\` au premier niveau du fichier : vouliez-vous écrire \`members\` ?`,
        "Le plan n'a pas tourné : corrigez les 1 erreur(s) ci-dessus (npm run validate les montre aussi).",
        "",
      ].join("\n"),
    );
    expect(plan(["--dir", dir, "--lang", "en"]).stderr).toContain(
      `${dir}/demo.yaml:2:1: [unknown-key] unknown key \`membres\` at the top level: did you mean \`members\`?\nThe plan did not run`,
    );
  });
});

describe("npm run plan -- --base REV", () => {
  const alpha = "name: Alpha\nmembers: [lea.durand]\nprojects:\n  - slug: alpha\n";
  const beta = "name: Beta\nmembers: [noa.petit]\nprojects:\n  - slug: beta\n  - slug: beta-api\n";
  const gamma = "name: Gamma\nmembers: [sacha.bernard]\n";

  it("shows only the teams whose summary changes, the removed files, and one line of counts for the rest", () => {
    const repo = new GitRepo();
    const base = repo.commit({ "teams/alpha.yaml": alpha, "teams/beta.yaml": beta, "teams/gamma.yaml": gamma });
    repo.commit({
      "teams/alpha.yaml": alpha.replace("[lea.durand]", "[lea.durand, noa.petit]"),
      "teams/gamma.yaml": null,
      "teams/delta.yaml": "name: Delta\n",
    });
    const result = plan(["--dir", "teams", "--base", base], repo.dir);
    expect(result.status).toBe(0);
    const sections = result.stdout.split("\n").filter((line) => line.startsWith("### "));
    expect(sections).toEqual(["### `alpha` — Alpha", "### `delta` — Delta"]);
    expect(result.stdout).toContain("Cette pull request change 2 équipes sur 3.");
    expect(result.stdout).toContain("Fichiers d'équipe retirés : `gamma` (Sentry garde l'équipe et ses projets).");
    expect(result.stdout).toContain("Sans changement, non affichées : 1 équipe (2 projets).");
  });

  it("a change to one file shows that team alone; no change says so", () => {
    const repo = new GitRepo();
    const base = repo.commit({ "teams/alpha.yaml": alpha, "teams/beta.yaml": beta });
    expect(plan(["--dir", "teams", "--base", base, "--lang", "en"], repo.dir).stdout).toContain(
      "This pull request changes no team.\n\nUnchanged, not shown: 2 teams (3 projects).",
    );
    const head = repo.commit({ "teams/beta.yaml": beta.replace("  - slug: beta-api\n", "") });
    const result = plan(["--dir", "teams", "--base", base, "--lang", "en"], repo.dir);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("### "))).toEqual(["### `beta` — Beta"]);
    expect(head).not.toBe(base);
    // Two plans in one test: 7 s each on a loaded 2-core machine.
  }, 60_000);

  it("an unknown revision is a usage error, not a plan of everything", () => {
    const repo = new GitRepo();
    repo.commit({ "teams/alpha.yaml": alpha });
    const result = plan(["--dir", "teams", "--base", "nope"], repo.dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "erreur : --base nope n'est pas une révision git connue ici (récupérez-la, par exemple avec fetch-depth: 2) (aide : npm run plan -- --help)\n",
    );
  });
});
