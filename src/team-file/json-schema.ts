import { join } from "node:path";
import { teamJsonSchema } from "./schema";

export const TEAM_JSON_SCHEMA_PATH = join(__dirname, "..", "..", "schema", "team.schema.json");

export function teamJsonSchemaText(): string {
  return `${JSON.stringify(teamJsonSchema(), null, 2)}\n`;
}
