// The adoption file: what already exists in Sentry, written by the importer next to the team files
// (`<teams dir>/adoption.json`), by team. With it, the first `pulumi up` imports those resources
// instead of creating them, and retires the live code mappings that managed ones replace.
// Remove it once that `up` has succeeded.
//
// A pull request could use it to attach someone else's live project or member to its own team, so it
// is validated like a team file: JSON with positions, a schema, and every entry checked against what
// the same team declares (its slug, its projects, its members, its repositories), each problem a
// located error. Ops own the file (CODEOWNERS).
import { lstatSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Type, type Static } from "@sinclair/typebox";
import Ajv, { type ErrorObject } from "ajv";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { DEFAULT_RULE_NAME } from "../model/alert-rules";
import { memberEmail, type Adoption, type AdoptedProject, type AdoptedRepository } from "../model/organization";
import { integrationForOwner, type StackPolicy } from "../stack/policy";
import type { Diagnostic } from "../team-file/diagnostics";
import type { ValidatedTeam } from "../team-file/validate";

export const ADOPTION_FILE = "adoption.json";
/** The real organization's file is about 300 KB; anything far larger is not an importer's output. */
export const MAX_ADOPTION_BYTES = 8 * 1024 * 1024;

const Digits = Type.String({ pattern: "^[0-9]+$" });
const ImportId = Type.String({ minLength: 1 });

export const AdoptedProjectSchema = Type.Object(
  {
    /** `org/project-slug`. */
    import: Type.Optional(ImportId),
    /** Rule name (as the team file names it) -> `org/project-slug/rule-id`. */
    rules: Type.Optional(Type.Record(Type.String(), ImportId)),
    /** Live code mappings the managed one replaces (provider v0.11.2 cannot import them reliably). */
    retireCodeMappings: Type.Optional(Type.Array(Digits, { uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const AdoptedTeamSchema = Type.Object(
  {
    /** `org/team-slug`. */
    import: Type.Optional(ImportId),
    /** Lower-cased e-mail -> `org/member-id`. */
    members: Type.Optional(Type.Record(Type.String(), ImportId)),
    /** Project slug -> what is adopted or retired for it. */
    projects: Type.Optional(Type.Record(Type.String(), AdoptedProjectSchema)),
    /** Lower-cased `owner/name` -> import IDs of the repository link and of the GitHub App entry. */
    repositories: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            /** `org/owner/name`. */
            link: Type.Optional(ImportId),
            /** `installation-id:name`. */
            installation: Type.Optional(ImportId),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const AdoptionFileSchema = Type.Object(
  {
    organization: Type.String({ minLength: 1 }),
    /** Team slug (the team file's name) -> what is adopted for that team. */
    teams: Type.Record(Type.String(), AdoptedTeamSchema),
  },
  { additionalProperties: false },
);
export type AdoptionFile = Static<typeof AdoptionFileSchema>;
export type AdoptedTeamEntry = Static<typeof AdoptedTeamSchema>;

const checkSchema = new Ajv({ allErrors: true, verbose: true }).compile<AdoptionFile>(AdoptionFileSchema);

export type AdoptionResult = { adoption?: Adoption; diagnostics: Diagnostic[] };

/** The validated adoption file of a team folder, `adoption: undefined` when there is none. */
export function readAdoption(
  teamsDir: string,
  teams: readonly ValidatedTeam[],
  policy: StackPolicy,
  cwd = process.cwd(),
): AdoptionResult {
  const path = join(teamsDir, ADOPTION_FILE);
  const shown = relative(cwd, path).startsWith("..") ? path : relative(cwd, path);
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { diagnostics: [] };
  }
  const fail = (message: string): AdoptionResult => ({ diagnostics: [{ file: shown, line: 1, col: 1, message }] });
  // Read as data only: never through a link, never a device or a folder, never unbounded.
  if (!stats.isFile())
    return fail(`${ADOPTION_FILE} must be a regular file written by \`npm run import\`, not a link or a folder`);
  if (stats.size > MAX_ADOPTION_BYTES)
    return fail(
      `${ADOPTION_FILE} is ${stats.size} bytes, over the ${MAX_ADOPTION_BYTES / 1024 / 1024} MiB limit: it is not an importer's output`,
    );
  return validateAdoption(shown, readFileSync(path, "utf8"), teams, policy);
}

interface Located {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Position of the value at `path`, or of the key `path`'s last segment names when `key` is set. */
function position(located: Located, path: readonly string[], key = false): { line: number; col: number } {
  let node: unknown = located.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) break;
    if (key && index === path.length - 1 && isScalar(pair.key))
      return located.lineCounter.linePos(pair.key.range?.[0] ?? offset);
    node = pair.value;
    offset = (pair.value as Node | null)?.range?.[0] ?? offset;
  }
  return located.lineCounter.linePos(offset);
}

function schemaMessage(error: ErrorObject): string {
  if (error.keyword === "additionalProperties")
    return `unknown key "${String(error.params.additionalProperty)}": the adoption file is written by \`npm run import\`; import again rather than editing it`;
  if (error.keyword === "pattern") return `${JSON.stringify(error.data)} is not a Sentry id (digits only)`;
  if (error.keyword === "uniqueItems") return "an id is listed twice: keep it once";
  return `${error.message ?? "invalid value"}`;
}

/** Checks an adoption file's text against the schema and against what each team declares. */
export function validateAdoption(
  file: string,
  text: string,
  teams: readonly ValidatedTeam[],
  policy: StackPolicy,
): AdoptionResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const located: Located = { doc, lineCounter };
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly string[], message: string, key = false) =>
    diagnostics.push({ file, ...position(located, path, key), message });

  // Strict JSON first (the YAML reader, used for positions, would accept more), then duplicate keys,
  // which JSON.parse silently merges.
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node gives a position for most errors; without one, the text ends too early or starts wrong.
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of JSON/.test(message) ? text.length : 0;
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
    diagnostics.push({
      file,
      ...lineCounter.linePos(offset),
      message: `invalid JSON: ${reason}; the adoption file is written by \`npm run import\`: import again rather than editing it`,
    });
    return { diagnostics };
  }
  const duplicate = doc.errors.find((error) => error.code === "DUPLICATE_KEY");
  if (duplicate) {
    diagnostics.push({
      file,
      ...lineCounter.linePos(duplicate.pos[0]),
      message: "duplicate key: each key may appear only once in an object",
    });
    return { diagnostics };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  if (!checkSchema(data)) {
    for (const error of checkSchema.errors ?? []) {
      const path = error.instancePath
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      if (error.keyword === "additionalProperties")
        at([...path, String(error.params.additionalProperty)], schemaMessage(error), true);
      else at(path, `${path.join(".") || "the file"}: ${schemaMessage(error)}`);
    }
    return { diagnostics };
  }

  const org = policy.organization;
  if (data.organization !== org)
    at(
      ["organization"],
      `organization "${data.organization}" is not this stack's organization "${org}": import from the right organization`,
    );

  const byTeam = new Map(teams.map((t) => [t.slug, t]));
  const members = new Map<string, { id: string; team: string }>();
  const repositories = new Map<string, { ids: AdoptedRepository; team: string }>();
  const adoption: {
    teams: Map<string, string>;
    projects: Map<string, AdoptedProject>;
    members: Map<string, string>;
    repositories: Map<string, AdoptedRepository>;
  } = {
    teams: new Map(),
    projects: new Map(),
    members: new Map(),
    repositories: new Map(),
  };

  for (const [slug, entry] of Object.entries(data.teams)) {
    const team = byTeam.get(slug);
    if (!team) {
      at(
        ["teams", slug],
        `"${slug}" is not a team file of this folder: an adoption entry belongs to the team that declares it`,
        true,
      );
      continue;
    }
    const expectTeam = `${org}/${slug}`;
    if (entry.import !== undefined) {
      if (entry.import === expectTeam) adoption.teams.set(slug, entry.import);
      else
        at(
          ["teams", slug, "import"],
          `team "${slug}" can only adopt Sentry team "${expectTeam}", not "${entry.import}"`,
        );
    }

    const declaredProjects = new Map((team.team.projects ?? []).map((p) => [p.slug, p]));
    for (const [projectSlug, project] of Object.entries(entry.projects ?? {})) {
      const path = ["teams", slug, "projects", projectSlug];
      const declared = declaredProjects.get(projectSlug);
      if (!declared) {
        at(
          path,
          `project "${projectSlug}" is not declared in the file of team "${slug}": an adoption entry belongs to the team that declares the project`,
          true,
        );
        continue;
      }
      const expectProject = `${org}/${projectSlug}`;
      if (project.import !== undefined && project.import !== expectProject) {
        at(
          [...path, "import"],
          `project "${projectSlug}" can only adopt Sentry project "${expectProject}", not "${project.import}"`,
        );
        continue;
      }
      if ((project.retireCodeMappings ?? []).length > 0 && !declared.repository) {
        at(
          [...path, "retireCodeMappings"],
          `project "${projectSlug}" has no \`repository:\`, so no managed code mapping replaces these: remove them`,
        );
        continue;
      }
      const declaredRules = new Set(
        declared.alerts === undefined ? [DEFAULT_RULE_NAME] : declared.alerts.map((alert) => alert.name),
      );
      const ruleImportIds = new Map<string, string>();
      const rulePattern = new RegExp(`^${escape(org)}/${escape(projectSlug)}/[0-9]+$`);
      for (const [name, id] of Object.entries(project.rules ?? {})) {
        if (!declaredRules.has(name))
          at(
            [...path, "rules", name],
            `project "${projectSlug}" declares no alert rule named "${name}": remove this entry or import again`,
            true,
          );
        else if (!rulePattern.test(id))
          at(
            [...path, "rules", name],
            `a rule of project "${projectSlug}" can only adopt "${org}/${projectSlug}/<rule id>", not "${id}"`,
          );
        else ruleImportIds.set(name, id);
      }
      adoption.projects.set(projectSlug, {
        ...(project.import !== undefined ? { importId: project.import } : {}),
        ruleImportIds,
        retireCodeMappingIds: project.retireCodeMappings ?? [],
      });
    }

    const declaredMembers = new Set((team.team.members ?? []).map((m) => memberEmail(m, policy)));
    for (const [email, id] of Object.entries(entry.members ?? {})) {
      const path = ["teams", slug, "members", email];
      if (!declaredMembers.has(email)) {
        at(
          path,
          `${email} is not a member in the file of team "${slug}": an adoption entry belongs to a team that lists the person`,
          true,
        );
        continue;
      }
      if (!new RegExp(`^${escape(org)}/[0-9]+$`).test(id)) {
        at(path, `member import ids look like "${org}/<member id>", not "${id}"`);
        continue;
      }
      const earlier = members.get(email);
      if (earlier && earlier.id !== id) {
        at(
          path,
          `${email} is adopted as "${earlier.id}" under team "${earlier.team}": one person is one Sentry member, give the same id`,
        );
        continue;
      }
      members.set(email, { id, team: slug });
      adoption.members.set(email, id);
    }

    const declaredRepositories = new Set(
      [
        ...(team.team.projects ?? []).flatMap((p) => (p.repository ? [p.repository] : [])),
        ...(team.team.repositories ?? []),
      ].map((r) => r.toLowerCase()),
    );
    for (const [name, ids] of Object.entries(entry.repositories ?? {})) {
      const path = ["teams", slug, "repositories", name];
      if (!declaredRepositories.has(name) || name !== name.toLowerCase()) {
        at(
          path,
          `repository "${name}" is not declared (in lower case) by team "${slug}": an adoption entry belongs to a team that links the repository`,
          true,
        );
        continue;
      }
      const [owner, repo] = name.split("/");
      const integration = integrationForOwner(policy, owner);
      if (ids.link !== undefined && ids.link.toLowerCase() !== `${org}/${name}`) {
        at([...path, "link"], `repository "${name}" can only adopt the link "${org}/${name}", not "${ids.link}"`);
        continue;
      }
      if (
        ids.installation !== undefined &&
        ids.installation.toLowerCase() !== `${integration?.installationId}:${repo}`
      ) {
        at(
          [...path, "installation"],
          `repository "${name}" can only adopt the installation entry "${integration?.installationId}:${repo}", not "${ids.installation}"`,
        );
        continue;
      }
      const earlier = repositories.get(name);
      if (earlier && JSON.stringify(earlier.ids) !== JSON.stringify(ids)) {
        at(path, `repository "${name}" is adopted differently under team "${earlier.team}": give the same ids`);
        continue;
      }
      repositories.set(name, { ids, team: slug });
      adoption.repositories.set(name, ids);
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { adoption, diagnostics };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
