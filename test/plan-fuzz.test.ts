// Property: whatever a valid folder of team files says, the plan never declares two resources with
// one URN (mocks accept duplicates silently; the real engine refuses the whole deployment). Names are
// drawn from small pools so that files collide: shared people and repositories, repository names
// that differ only by case, rule names that look like other resources' names.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { planTeams } from "../src/plan/plan";
import { teamDir } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

const handle = fc.constantFrom("lea.durand", "noa.petit", "sacha.bernard", "a.b", "a-b");
const ruleName = fc.oneof(
  fc.constantFrom("Pic", "pic", "Pic, prod", "x/alert/y", "Nouvelle erreur ou régression", "role", "user"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0),
);
const slug = fc.constantFrom("a", "b", "a-b", "a_b", "ab", "front", "api");
const repository = fc.constantFrom("betagouv/app", "betagouv/App", "betagouv/app.js", "betagouv/a-b");

const team = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    members: fc.uniqueArray(
      fc.oneof(handle, fc.record({ handle, teamRole: fc.constantFrom("contributor", "admin") })),
      { maxLength: 3, selector: (m) => (typeof m === "string" ? m : m.handle) },
    ),
    projects: fc.uniqueArray(
      fc.record(
        {
          slug,
          repository,
          alerts: fc.uniqueArray(
            fc.record({
              name: ruleName,
              when: fc.constantFrom(["new-issue"], ["regression", "reappeared"], [{ events: 10, per: "1h" }]),
              notify: fc.constantFrom(["team"], ["issue-owners"]),
            }),
            { maxLength: 3, selector: (r) => r.name },
          ),
        },
        { requiredKeys: ["slug"] },
      ),
      { maxLength: 3, selector: (p) => p.slug },
    ),
    repositories: fc.uniqueArray(repository, { maxLength: 2 }),
  },
  { requiredKeys: ["name"] },
);
const folder = fc.dictionary(slug, team, { minKeys: 1, maxKeys: 3 });

describe("the plan of a valid folder", () => {
  it("never declares two resources with one URN", async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(folder, async (teams) => {
        const files = Object.fromEntries(Object.entries(teams).map(([s, t]) => [`${s}.yaml`, stringify(t)]));
        const result = await planTeams({ dir: teamDir(files), stack: "prod", projectDir: ROOT });
        if (!result.ok) return; // the validator refused it: not a valid folder
        valid++;
        const urns = result.plan.resources.map((r) => r.urn);
        expect(urns.filter((urn, i) => urns.indexOf(urn) !== i)).toEqual([]);
      }),
      { seed: 20260726, numRuns: 60, interruptAfterTimeLimit: 40_000 },
    );
    // The property was checked on valid folders, not only refused ones.
    expect(valid).toBeGreaterThan(10);
  }, 60_000);
});
