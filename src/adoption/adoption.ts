// The adoption file: Pulumi import IDs of what already exists in Sentry, written by the importer next
// to the team files (`<teams dir>/adoption.json`). With it, the first `pulumi up` imports these
// resources instead of creating them. Remove it once that `up` has succeeded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import Ajv from "ajv";

export const ADOPTION_FILE = "adoption.json";

const ImportIds = Type.Record(Type.String(), Type.String({ minLength: 1 }));
export const AdoptionSchema = Type.Object(
  {
    organization: Type.String(),
    /** Team slug -> `org/team-slug`. */
    teams: ImportIds,
    /** Project slug -> `org/project-slug`. */
    projects: ImportIds,
    /** Lower-cased e-mail -> `org/member-id`. */
    members: ImportIds,
    /** `project-slug/rule name` -> `org/project-slug/rule-id`. */
    alertRules: ImportIds,
    /** Lower-cased `owner/name` -> `org/owner/name`. */
    repositories: ImportIds,
    /** Lower-cased `owner/name` -> `installation-id:name`. */
    installationRepositories: ImportIds,
    /** Project slug -> `org/code-mapping-id`. */
    codeMappings: ImportIds,
  },
  { additionalProperties: false },
);
export type Adoption = Static<typeof AdoptionSchema>;

const check = new Ajv({ allErrors: true }).compile(AdoptionSchema);

/** The adoption file of a team folder, if there is one. */
export function readAdoption(teamsDir: string): Adoption | undefined {
  const path = join(teamsDir, ADOPTION_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const data: unknown = JSON.parse(text);
  if (!check(data))
    throw new Error(
      `${path} is not a valid adoption file: ${(check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ")}`,
    );
  return data;
}
