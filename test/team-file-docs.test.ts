// The rules as documented: the README and the guide list every rule (generated tables, fresh), the
// guide's example messages are the validator's real ones, and the schema names only existing rules.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TEAM_JSON_SCHEMA_PATH } from "../src/team-file/json-schema";
import { teamJsonSchema } from "../src/team-file/schema";
import { RULE_DOCUMENTS, withRulesTable } from "../src/team-file/rules-doc";
import { ALL_RULES, VALUE_RULES } from "../src/team-file/rules/index";
import { messages, ROOT, validate } from "./helpers/team-files";

describe("the rules", () => {
  it("have unique kebab-case ids, a severity, and say what they check in each language", () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(["error", "warning"]).toContain(rule.severity);
      expect(rule.checks.fr.length).toBeGreaterThan(10);
      expect(rule.checks.en.length).toBeGreaterThan(10);
    }
  });

  it.each(RULE_DOCUMENTS.map((d) => [d.path, d.lang] as const))(
    "%s lists every rule (run `npm run schema` when this fails)",
    (path, lang) => {
      const text = readFileSync(path, "utf8");
      expect(text).toBe(withRulesTable(text, lang));
      for (const rule of ALL_RULES) expect(text).toContain(`| \`${rule.id}\` |`);
    },
  );

  it("every x-rule of the schema is a rule that explains a value", () => {
    const named = [...JSON.stringify(teamJsonSchema()).matchAll(/"x-rule":"([a-z-]+)"/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(Object.keys(VALUE_RULES)));
  });

  it("the guide's example messages are the validator's own", () => {
    const guide = readFileSync(RULE_DOCUMENTS[1].path, "utf8");
    const examples = /## Quand la CI signale une erreur[\s\S]*?```\n([\s\S]*?)```/.exec(guide)![1].trim().split("\n");
    const file = "teams/aides-jeunes.yaml";
    const project = "name: Aides Jeunes\nprojects:\n  - slug: aides-jeunes-front\n";
    const produced = [
      ...messages(validate({ [file]: `${"\n".repeat(6)}${project}    plateform: node\n` }), "fr"),
      ...messages(validate({ [file]: `${"\n".repeat(8)}${project}    platform: vue\n` }), "fr"),
      ...messages(validate({ [file]: "name: A\nmembers:\n  - lea.durand\n    teamRole: admin\n" }), "fr"),
    ];
    expect(examples).toEqual(produced);
  });
});

describe("npm run schema", () => {
  it("--help prints the usage and exit codes and writes nothing; an unknown argument is a usage error", () => {
    const run = (args: string[]) => {
      try {
        return {
          status: 0,
          stdout: execFileSync(process.execPath, ["--import", "tsx", "src/cli/schema.ts", ...args], {
            cwd: ROOT,
            encoding: "utf8",
            stdio: "pipe",
          }),
        };
      } catch (error) {
        return error as { status: number; stdout: string };
      }
    };
    const before = statSync(TEAM_JSON_SCHEMA_PATH).mtimeMs;
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 written; 2 usage or environment error.");
    expect(run(["--bogus"]).status).toBe(2);
    expect(statSync(TEAM_JSON_SCHEMA_PATH).mtimeMs).toBe(before);
  });
});
