// npm run schema: writes schema/team.schema.json from the TypeBox schema (test/schema.test.ts fails when stale).
import { writeFileSync } from "node:fs";
import { teamJsonSchemaText, TEAM_JSON_SCHEMA_PATH } from "../team-file/json-schema";
import { runCli } from "./run";

runCli("usage: npm run schema", () => {
  writeFileSync(TEAM_JSON_SCHEMA_PATH, teamJsonSchemaText());
  return { output: `wrote ${TEAM_JSON_SCHEMA_PATH}`, exitCode: 0 };
});
