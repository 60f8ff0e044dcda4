// Property-based tests (fast-check, seeded): valid team files and their YAML text, mutated at random,
// never crash the validator, never take long, and every error it reports is located and has a rule.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../src/team-file/rules/index";
import type { ValidationResult } from "../src/team-file/validate";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { ROOT, validate } from "./helpers/team-files";

const SEED = 20261126;
const RULE_IDS = new Set(ALL_RULES.map((rule) => rule.id));
const FILE = "teams/fuzz.yaml";

const guideExample = `name: Aides Jeunes
startup: aides.jeunes
owners: [octocat]
members:
  - camille.martin
  - handle: lea.durand
    teamRole: admin
  - email: alex@beta.gouv.fr
    until: 2031-06-30
projects:
  - slug: aides-jeunes-front
    name: Aides Jeunes (front)
    platform: javascript-vue
    repository: betagouv/aides-jeunes
    codeMapping: {branch: main, sourceRoot: front/}
    alerts:
      - name: Nouvelle erreur en production
        when: [new-issue, regression, {events: 100, per: 1h}]
        environment: production
        notify: [team, {member: lea.durand}]
        every: 30m
    performance:
      - name: API lente
        p95: 2s
        per: 10m
        environment: production
        notify: [team, {member: lea.durand}]
        resolve: 1s
      - name: Crashs
        crashFreeSessions: 99%
        per: 1h
    privacy:
      sensitiveFields: [numero_allocataire]
      safeFields: [request_id]
repositories:
  - betagouv/aides-jeunes-infra
`;
const seeds = [
  guideExample,
  ...realisticTeamFiles()
    .slice(0, 40)
    .map((f) => f.text),
];

/** The invariants of any run: located errors with a known rule and a message in each language, in bounded time. */
function checkRun(text: string): void {
  const started = performance.now();
  let result: ValidationResult | undefined;
  expect(() => (result = validate({ [FILE]: text }))).not.toThrow();
  expect(performance.now() - started).toBeLessThan(1000);
  const lines = text.split("\n").length;
  for (const d of [...result!.diagnostics, ...result!.warnings]) {
    expect(d.file).toBe(FILE);
    expect(RULE_IDS.has(d.rule), d.rule).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines + 1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    for (const message of [d.message.fr, d.message.en]) {
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toMatch(/\n\s+at |TypeError|RangeError|Maximum call stack|undefined|\[object Object\]/);
    }
  }
  expect(result!.teams.length === 1).toBe(result!.diagnostics.length === 0);
}

// Characters that change YAML's meaning, and characters that must never pass unseen.
const YAML_CHARACTERS = [..." :-\t\n[]{}#&*!|>'\"%@`,?~", "\u001b", "\u0000", "\u202e", "é", "\r", "\\"];
const textEdit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.oneof(
    fc.constantFrom(...YAML_CHARACTERS),
    fc.string({ maxLength: 6 }),
    fc.constantFrom("  ", "- ", ": ", "\n  - ", "__proto__: ", "constructor: ", "*a", "&a ", "role: owner\n"),
  ),
});

function applyEdits(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let result = text;
  for (const { at, remove, insert } of edits) {
    const i = at % (result.length + 1);
    result = result.slice(0, i) + insert + result.slice(i + remove);
  }
  return result;
}

// Structural mutations: replace the value at some path of a valid file's data with anything.
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("__proto__", "constructor", "", "   ", "a\nb", "\u001b[2J", "x".repeat(300), -1, 1e21, null),
  fc.dictionary(
    fc.constantFrom("__proto__", "constructor", "role", "handle", "slug", "when", "per"),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, i]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return here;
}

function replaceAt(data: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  Object.defineProperty(node, path[path.length - 1], { value: replacement, enumerable: true, writable: true });
  return copy;
}

describe("fuzzing the validator", () => {
  it("the seed files are valid", () => {
    for (const text of seeds) expect(validate({ [FILE]: text }).diagnostics).toEqual([]);
  });

  it("mutated YAML text: no crash, every error located with a rule, bounded time", () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(textEdit, { minLength: 1, maxLength: 6 }), (seed, edits) =>
        checkRun(applyEdits(seed, edits)),
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("mutated data: any value anywhere in a valid file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds).chain((seed) => {
          const data = parse(seed);
          return fc.tuple(fc.constant(data), fc.constantFrom(...paths(data)), anyValue);
        }),
        ([data, path, value]) => checkRun(stringify(replaceAt(data, path, value))),
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("the CLI over a folder of mutated files exits 0 or 1, with no stack trace, in bounded memory", () => {
    const dir = mkdtempSync(join(tmpdir(), "fuzz-teams-"));
    const samples = fc.sample(fc.tuple(fc.constantFrom(...seeds), fc.array(textEdit, { minLength: 1, maxLength: 4 })), {
      seed: SEED,
      numRuns: 60,
    });
    samples.forEach(([seed, edits], i) => writeFileSync(join(dir, `team-${i}.yaml`), applyEdits(seed, edits)));
    const heapBefore = process.memoryUsage().heapUsed;
    for (const format of ["text", "github"]) {
      let status = 0;
      let stderr = "";
      try {
        execFileSync(process.execPath, ["--import", "tsx", "src/cli/validate.ts", "--dir", dir, "--format", format], {
          cwd: ROOT,
          stdio: "pipe",
          encoding: "utf8",
        });
      } catch (error) {
        ({ status, stderr } = error as { status: number; stderr: string });
      }
      expect([0, 1]).toContain(status);
      expect(stderr).toBe("");
    }
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
