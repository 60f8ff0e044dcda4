// The adoption file: what already exists in Sentry, written by the importer next to the team files
// (`<teams dir>/adoption.json`), by team. With it, the first `pulumi up` imports those resources
// instead of creating them (code mappings need no entry: the program's own resource finds the live one).
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
import type { Adoption, AdoptedProject, AdoptedRepository } from "../model/organization";
import type { StackPolicy } from "../stack/policy";
import type { Diagnostic } from "../team-file/diagnostics";
import { diagnosticOf, type Rule } from "../team-file/rules/rule";
import type { ValidatedTeam } from "../team-file/validate";
import {
  adoptionConflict,
  adoptionFile,
  adoptionForeignId,
  adoptionNotDeclared,
  adoptionOrganization,
  adoptionSyntax,
} from "./rules";

export const ADOPTION_FILE = "adoption.json";
/** The real organization's file is about 300 KB; anything far larger is not an importer's output. */
export const MAX_ADOPTION_BYTES = 8 * 1024 * 1024;

const ImportId = Type.String({ minLength: 1 });

export const AdoptedProjectSchema = Type.Object(
  {
    /** `org/project-slug`. */
    import: Type.Optional(ImportId),
    /** Rule name (as the team file names it) -> `org/project-slug/rule-id`. */
    rules: Type.Optional(Type.Record(Type.String(), ImportId)),
    /** Performance alert name (as the team file names it) -> `org/project-slug/alert-rule-id`. */
    performance: Type.Optional(Type.Record(Type.String(), ImportId)),
  },
  { additionalProperties: false },
);

export const AdoptedTeamSchema = Type.Object(
  {
    /** `org/team-slug`. */
    import: Type.Optional(ImportId),
    /** Lower-cased e-mail -> `org/member-id`. */
    members: Type.Optional(Type.Record(Type.String(), ImportId)),
    /** Project slug -> what is adopted for it. */
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
  const start = { line: 1, col: 1 };
  // Read as data only: never through a link, never a device or a folder, never unbounded.
  if (!stats.isFile()) return { diagnostics: [diagnosticOf(adoptionFile, { problem: "not-regular" }, shown, start)] };
  if (stats.size > MAX_ADOPTION_BYTES)
    return {
      diagnostics: [
        diagnosticOf(
          adoptionFile,
          { problem: "too-large", bytes: stats.size, limit: MAX_ADOPTION_BYTES / 1024 / 1024 },
          shown,
          start,
        ),
      ],
    };
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

function schemaDetail(error: ErrorObject, path: readonly string[]): string {
  const where = path.join(".") || "the file";
  if (error.keyword === "additionalProperties") return `unknown key "${String(error.params.additionalProperty)}"`;
  return `${where}: ${error.message ?? "invalid value"}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
  const report = <P>(rule: Rule<P>, params: P, path: readonly string[], key = false) =>
    diagnostics.push(diagnosticOf(rule, params, file, position(located, path, key)));

  // Strict JSON first (the YAML reader, used for positions, would accept more), then duplicate keys,
  // which JSON.parse silently merges.
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node gives a position for most errors; without one, the text ends too early or starts wrong.
    const at = /at position (\d+)/.exec(message)?.[1];
    const offset = at !== undefined ? Number(at) : /end of JSON/.test(message) ? text.length : 0;
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
    diagnostics.push(
      diagnosticOf(adoptionSyntax, { detail: `invalid JSON: ${reason}` }, file, lineCounter.linePos(offset)),
    );
    return { diagnostics };
  }
  const duplicate = doc.errors.find((error) => error.code === "DUPLICATE_KEY");
  if (duplicate) {
    diagnostics.push(
      diagnosticOf(
        adoptionSyntax,
        { detail: "a key appears twice in one object" },
        file,
        lineCounter.linePos(duplicate.pos[0]),
      ),
    );
    return { diagnostics };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  if (!checkSchema(data)) {
    for (const error of checkSchema.errors ?? []) {
      const path = error.instancePath
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      const keyPath =
        error.keyword === "additionalProperties" ? [...path, String(error.params.additionalProperty)] : path;
      report(adoptionSyntax, { detail: schemaDetail(error, path) }, keyPath, error.keyword === "additionalProperties");
    }
    return { diagnostics };
  }

  const org = policy.organization;
  if (data.organization !== org)
    report(adoptionOrganization, { found: data.organization, expected: org }, ["organization"]);

  const byTeam = new Map(teams.map((t) => [t.slug, t]));
  const members = new Map<string, { id: string; team: string }>();
  const repositories = new Map<string, { ids: string; team: string }>();
  const adoption = {
    teams: new Map<string, string>(),
    projects: new Map<string, AdoptedProject>(),
    members: new Map<string, string>(),
    repositories: new Map<string, AdoptedRepository>(),
  };

  for (const [slug, entry] of Object.entries(data.teams)) {
    const team = byTeam.get(slug);
    if (!team) {
      report(adoptionNotDeclared, { kind: "team", name: slug, team: slug }, ["teams", slug], true);
      continue;
    }
    if (entry.import !== undefined) {
      const expected = `${org}/${slug}`;
      if (entry.import === expected) adoption.teams.set(slug, entry.import);
      else
        report(adoptionForeignId, { kind: "team", name: slug, found: entry.import, expected }, [
          "teams",
          slug,
          "import",
        ]);
    }

    const declaredProjects = new Map(team.resolved.projects.map((p) => [p.slug, p]));
    for (const [projectSlug, project] of Object.entries(entry.projects ?? {})) {
      const path = ["teams", slug, "projects", projectSlug];
      const declared = declaredProjects.get(projectSlug);
      if (!declared) {
        report(adoptionNotDeclared, { kind: "project", name: projectSlug, team: slug }, path, true);
        continue;
      }
      const expected = `${org}/${projectSlug}`;
      if (project.import !== undefined && project.import !== expected) {
        report(adoptionForeignId, { kind: "project", name: projectSlug, found: project.import, expected }, [
          ...path,
          "import",
        ]);
        continue;
      }
      // A project without `alerts:` declares exactly the managed default rule.
      const alerts = team.team.projects?.find((p) => p.slug === projectSlug)?.alerts;
      const declaredRules = new Set(alerts === undefined ? [DEFAULT_RULE_NAME] : alerts.map((alert) => alert.name));
      const ruleImportIds = new Map<string, string>();
      const rulePattern = new RegExp(`^${escape(org)}/${escape(projectSlug)}/[0-9]+$`);
      for (const [name, id] of Object.entries(project.rules ?? {})) {
        if (!declaredRules.has(name))
          report(
            adoptionNotDeclared,
            { kind: "rule", name, team: slug, project: projectSlug },
            [...path, "rules", name],
            true,
          );
        else if (!rulePattern.test(id))
          report(adoptionForeignId, { kind: "rule", name, found: id, expected: `${org}/${projectSlug}/<rule id>` }, [
            ...path,
            "rules",
            name,
          ]);
        else ruleImportIds.set(name, id);
      }
      const declaredPerformance = new Set(
        (team.team.projects?.find((p) => p.slug === projectSlug)?.performance ?? []).map((alert) => alert.name),
      );
      const performanceImportIds = new Map<string, string>();
      for (const [name, id] of Object.entries(project.performance ?? {})) {
        const at = [...path, "performance", name];
        if (!declaredPerformance.has(name))
          report(adoptionNotDeclared, { kind: "performance", name, team: slug, project: projectSlug }, at, true);
        else if (!rulePattern.test(id))
          report(
            adoptionForeignId,
            { kind: "performance", name, found: id, expected: `${org}/${projectSlug}/<alert rule id>` },
            at,
          );
        else performanceImportIds.set(name, id);
      }
      adoption.projects.set(projectSlug, {
        ...(project.import !== undefined ? { importId: project.import } : {}),
        ruleImportIds,
        ...(performanceImportIds.size > 0 ? { performanceImportIds } : {}),
      });
    }

    const declaredMembers = new Set(team.resolved.members.map((m) => m.address));
    const memberPattern = new RegExp(`^${escape(org)}/[0-9]+$`);
    for (const [email, id] of Object.entries(entry.members ?? {})) {
      const path = ["teams", slug, "members", email];
      if (!declaredMembers.has(email)) {
        report(adoptionNotDeclared, { kind: "member", name: email, team: slug }, path, true);
        continue;
      }
      if (!memberPattern.test(id)) {
        report(adoptionForeignId, { kind: "member", name: email, found: id, expected: `${org}/<member id>` }, path);
        continue;
      }
      const earlier = members.get(email);
      if (earlier && earlier.id !== id) {
        report(adoptionConflict, { kind: "member", name: email, team: earlier.team }, path);
        continue;
      }
      members.set(email, { id, team: slug });
      adoption.members.set(email, id);
    }

    // Repositories by lower-cased `owner/name`, with what the team links them through.
    const declaredRepositories = new Map(
      [
        ...team.resolved.projects.flatMap((p) => (p.repository ? [p.repository] : [])),
        ...team.resolved.repositories,
      ].map((r) => [r.identifier.toLowerCase(), r]),
    );
    for (const [name, ids] of Object.entries(entry.repositories ?? {})) {
      const path = ["teams", slug, "repositories", name];
      const declared = declaredRepositories.get(name);
      if (!declared) {
        report(adoptionNotDeclared, { kind: "repository", name, team: slug }, path, true);
        continue;
      }
      const link = `${org}/${name}`;
      const installation = `${declared.integration.installationId}:${name.split("/")[1]}`;
      if (ids.link !== undefined && ids.link.toLowerCase() !== link) {
        report(adoptionForeignId, { kind: "repository", name, found: ids.link, expected: link }, [...path, "link"]);
        continue;
      }
      if (ids.installation !== undefined && ids.installation.toLowerCase() !== installation) {
        report(adoptionForeignId, { kind: "repository", name, found: ids.installation, expected: installation }, [
          ...path,
          "installation",
        ]);
        continue;
      }
      const earlier = repositories.get(name);
      if (earlier && earlier.ids !== JSON.stringify(ids)) {
        report(adoptionConflict, { kind: "repository", name, team: earlier.team }, path);
        continue;
      }
      repositories.set(name, { ids: JSON.stringify(ids), team: slug });
      adoption.repositories.set(name, ids);
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { adoption, diagnostics };
}
