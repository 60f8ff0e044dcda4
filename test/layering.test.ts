// The import boundaries of eslint.config.mjs, checked on sample imports: a boundary that lints
// nothing (a misspelt glob, a folder missing from a list) would let the layering erode unseen.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

/** The `no-restricted-imports` messages ESLint gives for one import line in a file at `path`. */
async function boundaryErrors(path: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${specifier}";\n`, { filePath: path });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const REFUSED: [file: string, specifier: string, because: RegExp][] = [
  ["src/model/organization.ts", "@pulumi/pulumi", /pure desired model/],
  ["src/model/organization.ts", "../pulumi/names", /pure desired model/],
  ["src/model/organization.ts", "../preflight/checks", /pure desired model/],
  ["src/team-file/validate.ts", "../model/organization", /does not know the model/],
  ["src/team-file/rules/alert-name-bytes.ts", "../../preflight/checks", /does not know the model/],
  ["src/sentry/client.ts", "../stack/policy", /standalone API client/],
  ["src/sentry/api/teams.ts", "../../i18n/language", /standalone API client/],
  ["src/sentry/client.ts", "../preflight/checks", /standalone API client/],
  ["src/stack/policy.ts", "@pulumiverse/sentry", /typed stack policy/],
  ["src/stack/policy.ts", "../preflight/checks", /typed stack policy/],
  ["src/i18n/format.ts", "../plan/plan", /imports nothing of the program/],
  ["src/plan/plan.ts", "../emulator/server", /test double/],
  ["src/preflight/checks.ts", "../emulator/server", /test double/],
  ["index.ts", "./src/emulator/server", /test double/],
];

const ALLOWED: [file: string, specifier: string][] = [
  ["src/model/organization.ts", "../team-file/validate"],
  ["src/pulumi/program.ts", "@pulumi/pulumi"],
  ["src/pulumi/program.ts", "../model/organization"],
  ["src/plan/plan.ts", "../pulumi/program"],
  ["src/preflight/checks.ts", "../sentry/client"],
  ["test/emulator-behaviour.test.ts", "../src/emulator/server"],
];

describe("import boundaries", () => {
  it.each(REFUSED)("%s may not import %s", async (file, specifier, because) => {
    const errors = await boundaryErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(because);
  });

  it.each(ALLOWED)("%s may import %s", async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toEqual([]);
  });
});
