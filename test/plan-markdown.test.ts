// The plan summary of a pull request at the real scale: only the teams it changes, one line of counts
// for the rest. The summary reads only the model (resources are counted by type), so the 662 realistic
// teams are rendered here without the mock engine.
import { describe, expect, it } from "vitest";
import { buildDesiredOrganization } from "../src/model/organization";
import { planMarkdown } from "../src/plan/markdown";
import type { Plan } from "../src/plan/plan";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { prodPolicy, validate } from "./helpers/team-files";

const files = Object.fromEntries(realisticTeamFiles().map((f) => [f.file, f.text]));
const planOf = (teamFiles: Record<string, string>): Plan => {
  const { teams, diagnostics } = validate(teamFiles);
  expect(diagnostics).toEqual([]);
  return { stack: "prod", model: buildDesiredOrganization(teams, prodPolicy), resources: [] };
};
const sections = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("### "));

describe("the plan summary of a pull request, 662 teams", () => {
  const base = planOf(files);
  const added = "name: Tri Sélectif\nmembers: [marc.lefevre]\nprojects:\n  - slug: tri-selectif-front\n";
  const head = planOf({ ...files, "teams/tri-selectif.yaml": added });

  it("shows the one team a pull request adds, and counts the others, in a few KB instead of 600", () => {
    const whole = planMarkdown(head, { lang: "fr" });
    const changed = planMarkdown(head, { lang: "fr", base: base.model });
    expect(sections(whole)).toHaveLength(663);
    expect(sections(changed)).toEqual(["### `tri-selectif` — Tri Sélectif"]);
    expect(changed).toContain("Cette pull request change 1 équipe sur 663.");
    expect(changed).toMatch(/\nSans changement, non affichées : 662 équipes \(\d[\d ]* projets\)\.\n/);
    expect(Buffer.byteLength(whole)).toBeGreaterThan(500_000);
    expect(Buffer.byteLength(changed)).toBeLessThan(5_000);
  });

  it("shows a team whose summary changes through another file: a project shared with it by sharedWith", () => {
    const [first] = Object.keys(files).sort();
    const slug = first.replace(/^teams\/|\.yaml$/g, "");
    const sharing = `name: Partage\nprojects:\n  - slug: partage-commun\n    sharedWith: [${slug}]\n`;
    const changed = planMarkdown(planOf({ ...files, "teams/partage.yaml": sharing }), {
      lang: "en",
      base: base.model,
    });
    expect(sections(changed)).toEqual([
      expect.stringMatching(new RegExp(`^### \`${slug}\` — `)),
      "### `partage` — Partage",
    ]);
    expect(changed).toContain(`| \`partage-commun\` (partage-commun)<br>shared with \`${slug}\` |`);
    expect(changed).toContain("Projects of other teams shared with this one: `partage-commun` (team `partage`)");
  });

  it("names removed team files by slug, in code", () => {
    const [gone] = Object.keys(files).sort();
    const { [gone]: _removed, ...rest } = files;
    const changed = planMarkdown(planOf(rest), { lang: "en", base: base.model });
    expect(sections(changed)).toEqual([]);
    expect(changed).toContain("This pull request changes no team.");
    expect(changed).toContain(
      `Team files removed: \`${gone.replace(/^teams\/|\.yaml$/g, "")}\` (Sentry keeps the team and its projects).`,
    );
  });
});

describe("what a project row says", () => {
  it("its repository with the code mapping's branch, and the roots when the file sets them", () => {
    const plan = planOf({
      "teams/demo.yaml": [
        "name: Demo",
        "projects:",
        "  - slug: plain",
        "    repository: betagouv/demo",
        "  - slug: mapped",
        "    repository: betagouv/demo",
        "    codeMapping: {branch: develop, stackRoot: 'webpack:///./', sourceRoot: front/src/}",
        "  - slug: source-only",
        "    repository: betagouv/demo",
        "    codeMapping: {sourceRoot: api/}",
        "",
      ].join("\n"),
    });
    const rows = planMarkdown(plan, { lang: "fr" })
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split(" | ")[2]);
    expect(rows).toEqual([
      "betagouv/demo (develop)<br>`webpack:///./` → `front/src/`",
      "betagouv/demo (main)",
      "betagouv/demo (main)<br>racine → `api/`",
    ]);
  });
});
