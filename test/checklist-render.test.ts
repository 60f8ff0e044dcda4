// The three outputs of the checklist (Markdown, HTML, JSON) and the startups data they draw the
// incubators from.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml, SCRIPT_HASH } from "../src/checklist/html";
import { renderMarkdown } from "../src/checklist/markdown";
import { buildReport, renderJson, type ChecklistTeam } from "../src/checklist/report";
import { RULE_IDS } from "../src/checklist/rules";
import { parseStartups } from "../src/checklist/startups";
import { daily, healthyProject, organization } from "./helpers/checklist-data";
import { ROOT } from "./helpers/team-files";

const directory = parseStartups(
  JSON.stringify([
    { id: "aides.jeunes", title: "Aides Jeunes", incubator: "dinum" },
    { id: "carto", title: "Carto", incubator: "mte" },
  ]),
  "startups.json",
);

const HOSTILE = "Évil <script>alert(1)</script> | `x` [l](http://e.test) <img src=x onerror=alert(2)>";
const teams: ChecklistTeam[] = [
  {
    slug: "aides-jeunes",
    name: "Aides Jeunes",
    file: "teams/aides-jeunes.yaml",
    startup: "aides.jeunes",
    projects: ["aj-front", "aj-api"],
  },
  { slug: "carto", name: HOSTILE, file: "teams/carto.yaml", startup: "carto", projects: ["carto"] },
  { slug: "sans-startup", name: "Sans startup", file: "teams/sans-startup.yaml", projects: [] },
  {
    slug: "inconnue",
    name: "Inconnue",
    file: "teams/inconnue.yaml",
    startup: "pas.dans.les.donnees",
    projects: ["absent"],
  },
];
const measurements = organization([
  healthyProject({ slug: "aj-front" }),
  healthyProject({ slug: "aj-api", errorsWithoutRelease: 150, errorsPerDay: daily(200) }),
  healthyProject({
    slug: "carto",
    alertRules: [{ name: "<b>Pic</b> | `prod`", active: false, targets: [] }],
    personalData: { events: 4, emails: 1, ipAddresses: 3 },
  }),
]);
const report = buildReport(teams, measurements, directory);

describe("the report", () => {
  it("gives each startup its incubator from the startups data, and says which startup ids are unknown", () => {
    expect(report.startups.map((s) => [s.team, s.incubator?.id ?? null, s.status])).toEqual([
      ["aides-jeunes", "dinum", "fail"],
      ["carto", "mte", "fail"],
      ["sans-startup", null, "na"],
      ["inconnue", null, "na"],
    ]);
    expect(report.incubators.map((i) => i.id)).toEqual(["dinum", "mte"]);
    expect(report.warnings).toEqual([
      'teams/inconnue.yaml: startup "pas.dans.les.donnees" is not in the beta.gouv.fr startups data',
    ]);
  });
});

describe("checklist.md", () => {
  const markdown = renderMarkdown(report);
  const tableRows = markdown.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---"));

  it("has one line per startup, a mark per rule, in French", () => {
    expect(tableRows[0]).toBe(
      "| Startup | Incubateur | Statut | Alertes reçues | Environnement | Release | Performance (APM) | Échantillonnage | Données personnelles | Activité |",
    );
    expect(tableRows.slice(1)).toHaveLength(teams.length);
    expect(tableRows[1]).toBe("| Aides Jeunes (`aides-jeunes`) | dinum | ❌ | ✅ | ✅ | ❌ | ✅ | ✅ | ✅ | ✅ |");
    expect(tableRows[3]).toBe("| Sans startup (`sans-startup`) | non renseigné | — | — | — | — | — | — | — | — |");
  });

  it("says how to fix each finding, by project", () => {
    expect(markdown).toContain(
      "- ❌ **Release** — `aj-api` : 75 % des erreurs sans `release` (150 sur 200). Correction : Passez `release` à `Sentry.init`",
    );
    expect(markdown).toContain("- ❌ **Données personnelles** — `carto` : 4 erreur(s) avec des données personnelles");
  });

  it("keeps text from team files and Sentry inert", () => {
    for (const row of tableRows) expect(row.split(/(?<!\\)\|/)).toHaveLength(RULE_IDS.length + 5);
    // Every `<` and `](` left is escaped, so no HTML or link survives.
    expect(markdown).not.toMatch(/(?<!\\)<|(?<!\\)\]\(/);
    expect(markdown).toContain("« b Pic /b prod » est désactivée ou en pause");
  });

  it("is available in English", () => {
    const english = renderMarkdown(report, "en");
    expect(english).toContain("| Startup | Incubator | Status | Alerts received |");
    expect(english).toContain(
      "- ❌ **Release** — `aj-api`: 75% of errors without `release` (150 of 200). Fix: Pass `release`",
    );
  });
});

describe("index.html", () => {
  const html = renderHtml(report);

  it("is one self-contained page: no external resource, a CSP that allows only its own script", () => {
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    expect(SCRIPT_HASH).toBe(`sha256-${createHash("sha256").update(script).digest("base64")}`);
    expect(html).toContain(`script-src '${SCRIPT_HASH}'`);
    expect(html).toContain("default-src 'none'");
  });

  it("escapes every name and keeps the table semantics", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("Évil &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<tr role="row" data-incubator/g)).toHaveLength(teams.length);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<label for="f-incubator">Incubateur</label>');
    expect(html).toContain('<option value="dinum">dinum</option><option value="mte">mte</option>');
  });

  it("draws a chart per project with a text alternative", () => {
    expect(html.match(/<svg role="img"/g)).toHaveLength(3);
    expect(html).toContain(
      'aria-label="aj-front, 30 jours : 200 erreurs (au plus 200 le 2026-03-31), 1 000 transactions"',
    );
  });
});

describe("checklist.json", () => {
  it("holds the whole report, texts in both languages", () => {
    const json = JSON.parse(renderJson(report));
    expect(json.startups).toHaveLength(teams.length);
    expect(json.startups[0].projects[1].results[2]).toMatchObject({
      rule: "release",
      status: "fail",
      summary: { fr: expect.stringContaining("75 %"), en: expect.stringContaining("75%") },
    });
    expect(json.thresholds.sampleRateFail).toBe(0.5);
    expect(json.days).toHaveLength(30);
  });
});

describe("the beta.gouv.fr startups data", () => {
  it("reads the flat export of shared/fixtures (662 startups)", () => {
    const text = readFileSync(join(ROOT, "test/fixtures/betagouv-startups.json"), "utf8");
    const startups = parseStartups(text, "betagouv-startups.json");
    expect(startups.size).toBe(662);
    expect(startups.get("1-eleve-1-stage")).toEqual({
      id: "1-eleve-1-stage",
      title: "1 élève, 1 stage",
      incubator: { id: "MEN", title: "MEN" },
    });
  });

  it("reads the site's JSON:API document, incubator titles included", () => {
    const api = {
      data: [
        {
          id: "a",
          type: "startup",
          attributes: { name: "A" },
          relationships: { incubator: { data: { type: "incubator", id: "dinum" } } },
        },
        { id: "b", type: "startup", attributes: { name: "B" }, relationships: { incubator: { data: null } } },
      ],
      included: [{ id: "/incubators/dinum", type: "incubator", attributes: { title: "Incubateur de la DINUM" } }],
    };
    expect([...parseStartups(JSON.stringify(api), "api").values()]).toEqual([
      { id: "a", title: "A", incubator: { id: "dinum", title: "Incubateur de la DINUM" } },
      { id: "b", title: "B", incubator: null },
    ]);
  });

  it.each([
    ["not JSON", "<html>", /^x is not JSON/],
    ["another document", '{"data": 3}', /^x is neither the beta.gouv.fr startups API document/],
  ])("refuses %s with one line", (_name, text, message) => {
    expect(() => parseStartups(text, "x")).toThrow(message);
  });
});
