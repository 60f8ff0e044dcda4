// What the README and the guide tell readers to copy or run is checked against the code: the guide's
// template fails validation until every blank is filled (no placeholder passes), its full example is
// valid, the README's example is the repository's own example file, and every command is documented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, validate } from "./helpers/team-files";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const GUIDE = readFileSync(join(ROOT, "docs/guide-equipes.md"), "utf8");

/** The first ```yaml block after `heading`. */
function yamlAfter(document: string, heading: string): string {
  const start = document.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  return /```yaml\n([\s\S]*?)```/.exec(document.slice(start))![1];
}

describe("the guide's template", () => {
  const template = yamlAfter(GUIDE, "## Modèle à copier");

  it("fails validation on every blank left to fill, exactly one error per blank line", () => {
    const result = validate({ "teams/ma-startup.yaml": template });
    const blankLines = template
      .split("\n")
      .map((line, index) => [line, index + 1] as const)
      .filter(([line]) => /^\s*(- )?(\w+:)?\s+#|^\s*-\s+#/.test(line) && !line.startsWith("#"))
      .map(([, number]) => number);
    expect(blankLines).toHaveLength(7);
    expect(result.diagnostics.map((d) => d.line)).toEqual(blankLines);
  });

  it("is valid once each blank is filled as its comment says", () => {
    const filled = template
      .replace(/^name: +#.*$/m, "name: Tri Sélectif")
      .replace(/^startup: +#.*$/m, "startup: tri-selectif")
      .replace(/^owners: +#.*$/m, "owners: [compte-un, compte-deux]")
      .replace(/^ {2}- +#.*$/m, "  - marc.lefevre")
      .replace(/^ {2}- slug: +#.*$/m, "  - slug: tri-selectif-front")
      .replace(/^ {4}platform: +#.*$/m, "    platform: javascript-react")
      .replace(/^ {4}repository: +#.*$/m, "    repository: betagouv/tri-selectif");
    expect(validate({ "teams/tri-selectif.yaml": filled }).diagnostics).toEqual([]);
  });
});

describe("the examples", () => {
  it("the guide's full example is valid (its sharedWith team given a file)", () => {
    const example = yamlAfter(GUIDE, "## Exemple complet commenté");
    const result = validate({ "teams/aides-jeunes.yaml": example, "teams/aides-jeunes-ops.yaml": "name: Ops\n" });
    expect(result.diagnostics).toEqual([]);
  });

  it("the README's example is teams/carnet-de-bord.yaml without its comments", () => {
    const file = readFileSync(join(ROOT, "teams/carnet-de-bord.yaml"), "utf8");
    const uncommented = file
      .split("\n")
      .filter((line) => !line.startsWith("# ") || line.startsWith("# yaml-language-server"))
      .join("\n");
    expect(yamlAfter(README, "## The team file")).toBe(uncommented);
  });
});

describe("the README's commands", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const commands = Object.keys(scripts).filter((name) => scripts[name].startsWith("tsx "));

  it("names every command of package.json, and only those", () => {
    const named = new Set(
      [...README.matchAll(/npm run (?:-s )?([a-z][a-z-]*)|`([a-z-]+)`/g)]
        .map((m) => m[1] ?? m[2])
        .filter((name) => name in scripts),
    );
    expect(commands.filter((name) => !named.has(name))).toEqual([]);
    const ran = [...README.matchAll(/npm run (?:-s )?([a-z][a-z-]*)/g)].map((m) => m[1]);
    expect(ran.filter((name) => !(name in scripts))).toEqual([]);
  });
});
