// Access that ends (`until:` on a member): the date's form, the warning once it is past (Paris time),
// and what validation hands to the model.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { accessEnded, daysUntil, isCalendarDate, parisDate } from "../src/team-file/expiry";
import { formatText } from "../src/team-file/diagnostics";
import { messages, prodPolicy, ROOT, validate } from "./helpers/team-files";

const F = "teams/demo.yaml";
const TODAY = "2025-06-30";
const member = (until: string) => `name: Demo\nmembers:\n  - handle: lea.durand\n    until: ${until}\n`;
const warnings = (yaml: string, lang: "fr" | "en" = "en", today = TODAY) =>
  validate({ [F]: yaml }, prodPolicy, { today }).warnings.map((d) => formatText(d, lang));

describe("the day in Europe/Paris", () => {
  it.each([
    // 22:30 UTC is already the next day in Paris in summer (UTC+2) and in winter (UTC+1) alike.
    ["2025-06-29T22:30:00Z", "2025-06-30"],
    ["2025-06-29T21:59:59Z", "2025-06-29"],
    ["2025-01-14T23:00:00Z", "2025-01-15"],
    ["2025-01-14T22:59:59Z", "2025-01-14"],
    // The nightly deploy (04:47 UTC) runs on the Paris day it is in.
    ["2025-03-30T04:47:00Z", "2025-03-30"],
  ])("%s is %s", (instant, day) => {
    expect(parisDate(new Date(instant))).toBe(day);
  });

  it("reads calendar days, and ends an access at the start of its day", () => {
    expect(["2024-02-29", "2025-12-31"].map(isCalendarDate)).toEqual([true, true]);
    expect(["2025-02-29", "2025-13-01", "2025-6-30", "30/06/2025"].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect([accessEnded("2025-06-30", "2025-06-29"), accessEnded("2025-06-30", "2025-06-30")]).toEqual([false, true]);
    expect([daysUntil("2025-07-30", TODAY), daysUntil("2025-06-29", TODAY)]).toEqual([30, -1]);
  });
});

describe("until", () => {
  it.each([
    [
      "a day-first date gets its YYYY-MM-DD form",
      "30/06/2025",
      'teams/demo.yaml:4:12: [member-until] `until` of the 1st member: "30/06/2025" is not a YYYY-MM-DD date; write `2025-06-30`',
    ],
    [
      "a date without leading zeros",
      "2025-6-3",
      'teams/demo.yaml:4:12: [member-until] `until` of the 1st member: "2025-6-3" is not a YYYY-MM-DD date; write `2025-06-03`',
    ],
    [
      "a day that does not exist",
      "2025-02-30",
      'teams/demo.yaml:4:12: [member-until] `until` of the 1st member: "2025-02-30" is not a day of the calendar; write a real date',
    ],
    [
      "a number",
      "20250630",
      "teams/demo.yaml:4:12: [member-until] `until` of the 1st member: `20250630` is not a YYYY-MM-DD date; write the end date like `2025-06-30`",
    ],
    [
      "words",
      "fin juin",
      'teams/demo.yaml:4:12: [member-until] `until` of the 1st member: "fin juin" is not a YYYY-MM-DD date; write the end date like `2025-06-30`',
    ],
  ])("refuses %s", (_case, until, expected) => {
    const result = validate({ [F]: member(until) }, prodPolicy, { today: TODAY });
    expect(messages(result)).toEqual([expected]);
    expect(result.teams).toEqual([]);
  });

  it("in French", () => {
    expect(messages(validate({ [F]: member("30/06/2025") }), "fr")).toEqual([
      "teams/demo.yaml:4:12: [member-until] `until` du 1er membre : « 30/06/2025 » n'est pas une date AAAA-MM-JJ ; écrivez `2025-06-30`",
    ]);
  });

  it("is refused on a member written as a bare handle, with the form to use", () => {
    expect(messages(validate({ [F]: "name: Demo\nmembers:\n  - lea.durand\n    until: 2025-06-30\n" }), "fr")).toEqual([
      "teams/demo.yaml:4:5: [yaml-item-form] `until: 2025-06-30` ne peut pas suivre un membre écrit seul (`- lea.durand`) : écrivez `- handle: lea.durand` puis, à la ligne suivante, `until: 2025-06-30` aligné sous `handle`",
    ]);
  });

  it("warns, located on the date and without refusing the file, from the day itself on", () => {
    const yaml = `name: Demo\nmembers:\n  - camille.martin\n  - email: alex@beta.gouv.fr\n    teamRole: admin\n    until: "${TODAY}"\n  - handle: lea.durand\n    until: 2025-07-01\n`;
    const result = validate({ [F]: yaml }, prodPolicy, { today: TODAY });
    expect(result.diagnostics).toEqual([]);
    expect(result.teams.map((t) => t.slug)).toEqual(["demo"]);
    expect(warnings(yaml)).toEqual([
      'teams/demo.yaml:6:12: [member-expired] (warning) the access of "alex@beta.gouv.fr" ended on 30 June 2025 (`until`): the next deployment removes them from the team; delete this member from the file (an automatic pull request proposes it)',
    ]);
    expect(warnings(yaml, "fr")).toEqual([
      "teams/demo.yaml:6:12: [member-expired] (avertissement) l'accès de « alex@beta.gouv.fr » a pris fin le 30 juin 2025 (`until`) : le prochain déploiement le retire de l'équipe ; supprimez ce membre du fichier (une pull request automatique le propose)",
    ]);
    expect(warnings(yaml, "en", "2025-06-29")).toEqual([]);
    expect(warnings(yaml, "en", "2025-07-01")).toHaveLength(2);
  });

  it("is carried to the model with what validation resolved", () => {
    const yaml = `name: Demo\nmembers:\n  - camille.martin\n  - handle: lea.durand\n    teamRole: admin\n    until: 2025-09-01\n`;
    expect(validate({ [F]: yaml }).teams[0].resolved.members).toEqual([
      { address: "camille.martin@beta.gouv.fr", handle: "camille.martin", teamRole: "contributor" },
      { address: "lea.durand@beta.gouv.fr", handle: "lea.durand", teamRole: "admin", until: "2025-09-01" },
    ]);
  });
});

describe("npm run validate with an access that has ended", () => {
  const dir = mkdtempSync(join(tmpdir(), "teams-"));
  writeFileSync(join(dir, "demo.yaml"), member("2020-01-31"));
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ["--import", "tsx", "src/cli/validate.ts", "--dir", dir, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });

  it("exits 0 and shows the warning on its line, as an annotation and in the summary table", () => {
    const [line, summary] = run().trim().split("\n");
    expect(line).toBe(
      `${dir}/demo.yaml:4:12: [member-expired] (avertissement) l'accès de « lea.durand » a pris fin le 31 janvier 2020 (\`until\`) : le prochain déploiement le retire de l'équipe ; supprimez ce membre du fichier (une pull request automatique le propose)`,
    );
    expect(summary).toBe(`1 fichier(s) d'équipe valide(s) dans ${dir}.`);
    expect(run("--format", "github", "--lang", "en").split("\n")[0]).toBe(
      `::warning file=${dir}/demo.yaml,line=4,col=12,title=member-expired::the access of "lea.durand" ended on 31 January 2020 (\`until\`): the next deployment removes them from the team; delete this member from the file (an automatic pull request proposes it)`,
    );
    expect(JSON.parse(run("--format", "json"))).toMatchObject({
      valid: true,
      errors: [],
      warnings: [{ rule: "member-expired", line: 4, col: 12 }],
    });
    expect(run("--format", "markdown")).toContain("| `member-expired` | (avertissement) l'accès de « lea\\.durand »");
  });
});
