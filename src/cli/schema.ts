// npm run schema: writes schema/team.schema.json from the TypeBox schema, and the rules tables of
// README.md and docs/guide-equipes.md from the rules (test/team-file-docs.test.ts fails when stale).
import { readFileSync, writeFileSync } from "node:fs";
import { teamJsonSchemaText, TEAM_JSON_SCHEMA_PATH } from "../team-file/json-schema";
import { RULE_DOCUMENTS, withRulesTable } from "../team-file/rules-doc";
import { command } from "./run";

command({
  script: "schema",
  summary: "Rewrites schema/team.schema.json and the rules tables of README.md and docs/guide-equipes.md.",
  options: {},
  exit: { ok: "written" },
  run() {
    writeFileSync(TEAM_JSON_SCHEMA_PATH, teamJsonSchemaText());
    for (const { path, lang } of RULE_DOCUMENTS) writeFileSync(path, withRulesTable(readFileSync(path, "utf8"), lang));
    return { output: `wrote ${TEAM_JSON_SCHEMA_PATH} and the rules tables`, exitCode: 0 };
  },
});
