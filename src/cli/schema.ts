// npm run schema: writes schema/team.schema.json from the TypeBox schema, and the rules tables of
// README.md and docs/guide-equipes.md from the rules (test/team-file-docs.test.ts fails when stale).
import { readFileSync, writeFileSync } from "node:fs";
import { teamJsonSchemaText, TEAM_JSON_SCHEMA_PATH } from "../team-file/json-schema";
import { RULE_DOCUMENTS, withRulesTable } from "../team-file/rules-doc";
import { runCli } from "./run";

const USAGE = `usage: npm run schema

Rewrites schema/team.schema.json and the rules tables of README.md and docs/guide-equipes.md.
Exit codes: 0 written, 1 failure, 2 usage error.`;

runCli(USAGE, () => {
  if (process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) return { output: USAGE, exitCode: 0 };
  if (process.argv.length > 2) return { output: USAGE, exitCode: 2 };
  writeFileSync(TEAM_JSON_SCHEMA_PATH, teamJsonSchemaText());
  for (const { path, lang } of RULE_DOCUMENTS) writeFileSync(path, withRulesTable(readFileSync(path, "utf8"), lang));
  return { output: `wrote ${TEAM_JSON_SCHEMA_PATH} and the rules tables`, exitCode: 0 };
});
