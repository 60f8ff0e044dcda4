// Team files -> validated teams, or every located error of the run at once.
// Order: file name, YAML (parse.ts), schema (Ajv over the TypeBox schema), then the rules a schema
// cannot express (policy, references inside a file, uniqueness across files).
import { basename, extname } from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import { closest, distance } from "fastest-levenshtein";
import { durationMinutes, integrationForOwner, type StackPolicy } from "../stack/policy";
import type { Diagnostic } from "./diagnostics";
import { locate, parseTeamFile, type PathSegment } from "./parse";
import {
  DURATION_PATTERN,
  EMAIL_PATTERN,
  GITHUB_HANDLE_PATTERN,
  HANDLE_PATTERN,
  MATTERMOST_CHANNEL_PATTERN,
  PRIVACY_SWITCHES,
  REPOSITORY_PATTERN,
  TEAM_SLUG_PATTERN,
  TeamFileSchema,
  type TeamFile,
} from "./schema";

export interface TeamFileInput {
  /** Path shown in diagnostics. */
  file: string;
  bytes: Uint8Array;
}

export interface ValidatedTeam {
  slug: string;
  file: string;
  team: TeamFile;
}

/** A valid file, with what the cross-file checks need to point at (the YAML tree is not kept). */
interface CheckedTeam {
  team: ValidatedTeam;
  projectSlugPositions: { line: number; col: number }[];
}

export interface ValidationResult {
  teams: ValidatedTeam[];
  diagnostics: Diagnostic[];
}

const ORG_ROLE_KEYS = new Set(["role", "orgRole", "org_role", "orgrole"]);
/** Alerts fire at most every 5 minutes and at least every 30 days (Sentry's `frequency` bounds). */
export const EVERY_MIN_MINUTES = 5;
export const EVERY_MAX_MINUTES = 43200;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
const checkSchema = ajv.compile<TeamFile>(TeamFileSchema);

const PATTERN_HINTS: Record<string, string> = {
  [TEAM_SLUG_PATTERN]:
    "must be a Sentry slug: lower-case letters, digits, `-` or `_`, 1 to 50 characters, not only digits",
  [HANDLE_PATTERN]: "must be a beta.gouv.fr handle such as `camille.martin`: lower-case letters, digits, `.` and `-`",
  [EMAIL_PATTERN]: "must be an e-mail address such as `alex@numerique.gouv.fr`",
  [REPOSITORY_PATTERN]: "must be a GitHub repository written OWNER/NAME, e.g. `betagouv/aides-jeunes` (not a URL)",
  [GITHUB_HANDLE_PATTERN]: "must be a GitHub account name such as `octocat` (no `@`)",
  [MATTERMOST_CHANNEL_PATTERN]:
    "must be a Mattermost channel name ending in `-sentry`, e.g. `aides-jeunes-sentry` (convention of the sentry-mattermost bridge)",
  [DURATION_PATTERN]: "must be a duration such as `5m`, `30m`, `1h` or `1d`",
};

export function validateTeamFiles(inputs: readonly TeamFileInput[], policy: StackPolicy): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedTeam[] = [];
  for (const input of inputs) {
    const result = validateTeamFile(input, policy);
    diagnostics.push(...result.diagnostics);
    if (result.checked) checked.push(result.checked);
  }
  diagnostics.push(...crossFileDiagnostics(checked));
  return { teams: checked.map((c) => c.team), diagnostics };
}

/** Team slug from the file name, or the reason the name is not usable. */
export function teamSlugFromFile(file: string): { slug: string } | { error: string } {
  const extension = extname(file);
  const stem = basename(file, extension);
  if (extension !== ".yaml") {
    return { error: `team files must end in .yaml: rename ${basename(file)} to ${stem}.yaml` };
  }
  if (!new RegExp(TEAM_SLUG_PATTERN).test(stem)) {
    return {
      error: `file name "${stem}" is the team slug and ${PATTERN_HINTS[TEAM_SLUG_PATTERN]}; rename the file, e.g. ${suggestSlug(stem)}.yaml`,
    };
  }
  return { slug: stem };
}

export function suggestSlug(text: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return /^[0-9]*$/.test(slug) ? `team-${slug}`.slice(0, 50) : slug;
}

function validateTeamFile(
  input: TeamFileInput,
  policy: StackPolicy,
): { checked?: CheckedTeam; diagnostics: Diagnostic[] } {
  const { file } = input;
  const diagnostics: Diagnostic[] = [];
  const name = teamSlugFromFile(file);
  if ("error" in name) diagnostics.push({ file, line: 1, col: 1, message: name.error });

  const parsed = parseTeamFile(file, input.bytes);
  if (!parsed.ok) return { diagnostics: [...diagnostics, ...parsed.errors] };

  const at = (path: readonly PathSegment[], message: string, key?: string) =>
    diagnostics.push({ file, ...locate(parsed.parsed, path, key), message });

  const orgRoleKeys = findOrgRoleKeys(parsed.parsed.data, []);
  for (const { path, key } of orgRoleKeys) {
    at(
      path,
      `"${key}" is refused: a team file never grants organization roles (everyone gets the org role "member"). For team admin rights write \`teamRole: admin\` on the member; for an org role, ask ops`,
      key,
    );
  }

  const data = parsed.parsed.data;
  if (!checkSchema(data)) {
    for (const error of relevantErrors(checkSchema.errors ?? [])) {
      if (error.keyword === "additionalProperties" && ORG_ROLE_KEYS.has(String(error.params.additionalProperty)))
        continue;
      const { path, key, message } = describeSchemaError(error);
      at(path, message, key);
    }
  }
  checkRules(data, policy, at);
  if (diagnostics.length > 0 || "error" in name) return { diagnostics };
  const team = data as TeamFile;
  return {
    checked: {
      team: { slug: name.slug, file, team },
      projectSlugPositions: (team.projects ?? []).map((_, i) => locate(parsed.parsed, ["projects", i, "slug"])),
    },
    diagnostics,
  };
}

function findOrgRoleKeys(value: unknown, path: PathSegment[]): { path: PathSegment[]; key: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findOrgRoleKeys(item, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(ORG_ROLE_KEYS.has(key) ? [{ path, key }] : []),
    ...findOrgRoleKeys(child, [...path, key]),
  ]);
}

type Report = (path: readonly PathSegment[], message: string, key?: string) => void;

// The rules run on schema-invalid files too (so a run reports everything at once): they only look at
// values of the expected shape and leave the rest to the schema errors.
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
const matches = (pattern: string, value: string | undefined): value is string =>
  value !== undefined && new RegExp(pattern).test(value);

function checkRules(team: unknown, policy: StackPolicy, at: Report): void {
  const handles = new Map<string, number>();
  const emails = new Map<string, number>();
  const allowedDomains = new Set(policy.members.allowedEmailDomains.map((d) => d.toLowerCase()));

  list(field(team, "members")).forEach((member, i) => {
    const handle = text(member) ?? text(field(member, "handle"));
    const explicit = text(field(member, "email"));
    if (matches(HANDLE_PATTERN, handle)) {
      if (handles.has(handle))
        at(
          ["members", i],
          `member "${handle}" is listed twice (first at item ${handles.get(handle)! + 1}): keep one entry`,
        );
      else handles.set(handle, i);
    }
    const email = matches(HANDLE_PATTERN, handle)
      ? `${handle}@${policy.members.handleDomain}`
      : matches(EMAIL_PATTERN, explicit)
        ? explicit.toLowerCase()
        : undefined;
    if (email === undefined) return;
    if (handle === undefined) {
      const domain = email.split("@")[1];
      if (!allowedDomains.has(domain)) {
        at(
          ["members", i, "email"],
          `e-mail domain "${domain}" is not allowed on this instance (allowed: ${[...allowedDomains].join(", ")}); use the person's beta.gouv.fr handle instead, or ask ops to allow the domain`,
        );
      } else if (emails.has(email)) {
        at(
          ["members", i],
          `${email} is already a member of this team (item ${emails.get(email)! + 1}): keep one entry`,
        );
      }
    }
    if (!emails.has(email)) emails.set(email, i);
  });

  const checkRepository = (path: PathSegment[], repository: unknown) => {
    const name = text(repository);
    if (!matches(REPOSITORY_PATTERN, name)) return;
    const owner = name.split("/")[0];
    if (!integrationForOwner(policy, owner)) {
      const owners = policy.github.integrations.map((i) => i.owner).join(", ") || "none";
      at(
        path,
        `GitHub owner "${owner}" has no Sentry GitHub integration on this instance (configured: ${owners}); move the repository to one of them, or ask ops to install the Sentry GitHub App on "${owner}"`,
      );
    }
  };

  list(field(team, "projects")).forEach((project, p) => {
    checkRepository(["projects", p, "repository"], field(project, "repository"));
    if (!policy.privacy.teamsMayDisable) {
      for (const name of PRIVACY_SWITCHES) {
        if (field(field(project, "privacy"), name) === false) {
          at(
            ["projects", p, "privacy"],
            `\`${name}: false\` is refused on this instance: server-side scrubbing keeps personal data out of Sentry (the community's rule: never send personal data). Remove the key; to let a field through, list it under \`safeFields\``,
            name,
          );
        }
      }
    }

    const alertNames = new Set<string>();
    list(field(project, "alerts")).forEach((alert, a) => {
      const alertPath = ["projects", p, "alerts", a];
      const every = text(field(alert, "every"));
      if (matches(DURATION_PATTERN, every)) {
        const minutes = durationMinutes(every);
        if (minutes < EVERY_MIN_MINUTES || minutes > EVERY_MAX_MINUTES) {
          at([...alertPath, "every"], `every: ${every} is out of range: use a duration from 5m to 30d`);
        }
      }
      list(field(alert, "notify")).forEach((target, n) => {
        const member = text(field(target, "member"));
        if (matches(HANDLE_PATTERN, member) && !handles.has(member)) {
          at(
            [...alertPath, "notify", n, "member"],
            `"${member}" is not a member of this team: add it under \`members:\` or notify \`team\``,
          );
        }
        if (field(target, "mattermost") !== undefined && !policy.notifications?.mattermostWebhookUrl) {
          at(
            [...alertPath, "notify", n],
            "Mattermost notifications are not configured on this stack (no notifications.mattermostWebhookUrl): notify `team` for now, or ask ops to configure the bridge",
          );
        }
      });
      const name = text(field(alert, "name"));
      if (name !== undefined && alertNames.has(name)) {
        at([...alertPath, "name"], `alert name "${name}" is used twice in this project: give each rule its own name`);
      }
      if (name !== undefined) alertNames.add(name);
    });
  });

  list(field(team, "repositories")).forEach((repository, r) => checkRepository(["repositories", r], repository));
}

function crossFileDiagnostics(checked: readonly CheckedTeam[]): Diagnostic[] {
  const seen = new Map<string, { file: string; at: { line: number; col: number } }>();
  const diagnostics: Diagnostic[] = [];
  for (const { team, projectSlugPositions } of [...checked].sort((a, b) => a.team.file.localeCompare(b.team.file))) {
    (team.team.projects ?? []).forEach((project, index) => {
      const at = projectSlugPositions[index];
      const first = seen.get(project.slug);
      if (!first) {
        seen.set(project.slug, { file: team.file, at });
        return;
      }
      diagnostics.push({
        file: team.file,
        ...at,
        message: `project slug "${project.slug}" is already declared in ${first.file}:${first.at.line}:${first.at.col}; project slugs are unique across the whole organization, pick another one`,
      });
    });
  }
  return diagnostics;
}

// --- Ajv errors -> located instructions ---------------------------------------------------------

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}

type SchemaNode = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  required?: string[];
  "x-expected"?: string;
};

/** Whether `data` has the shape a union branch is about (same type, its required keys present). */
function branchFits(branch: SchemaNode, data: unknown): boolean {
  if (branch.anyOf) return branch.anyOf.some((b) => branchFits(b, data));
  if (branch.const !== undefined) return typeof data === typeof branch.const;
  if (branch.type === "object") {
    return (
      data !== null &&
      typeof data === "object" &&
      !Array.isArray(data) &&
      (branch.required ?? []).every((k) => k in (data as object))
    );
  }
  if (branch.type === "integer") return typeof data === "number";
  return branch.type === undefined || typeof data === branch.type;
}

/**
 * With `allErrors`, a failed union reports the errors of every branch. Keep only those of the one
 * branch the data is clearly meant to be; when no single branch fits, keep the union's own error.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors.filter((e) => e.keyword === "anyOf").sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const under = (e: ErrorObject, union: ErrorObject, branch?: number) =>
    e !== union &&
    e.instancePath.startsWith(union.instancePath) &&
    e.schemaPath.startsWith(branch === undefined ? `${union.schemaPath}/` : `${union.schemaPath}/${branch}/`);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const branches = union.schema as SchemaNode[];
    const fitting = branches.map((b, i) => (branchFits(b, union.data) ? i : -1)).filter((i) => i >= 0);
    if (fitting.length === 1) {
      dropped.add(union);
      for (const e of errors) if (under(e, union) && !under(e, union, fitting[0])) dropped.add(e);
    } else {
      for (const e of errors) if (under(e, union)) dropped.add(e);
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

function describe(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text "${value}"`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a text value",
  integer: "a whole number",
  array: "a list",
  object: "a mapping",
  number: "a number",
  boolean: "true or false",
};

function describeSchemaError(error: ErrorObject): { path: PathSegment[]; key?: string; message: string } {
  const path = pathOf(error.instancePath);
  const field = path.length > 0 ? `${path[path.length - 1]}` : "file";
  const label =
    typeof path[path.length - 1] === "number"
      ? `item ${(path[path.length - 1] as number) + 1} of ${path[path.length - 2]}`
      : field;
  const parent = error.parentSchema as { properties?: Record<string, unknown>; "x-expected"?: string } | undefined;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const suggestion = nearest(key, allowed);
      const where = path.length === 0 ? "at the top level" : `in ${label}`;
      return {
        path,
        key,
        message: suggestion
          ? `unknown key "${key}" ${where}: did you mean "${suggestion}"?`
          : `unknown key "${key}" ${where}: remove it (allowed keys: ${allowed.join(", ")})`,
      };
    }
    case "required":
      return {
        path,
        message: `missing required key "${String(error.params.missingProperty)}" in ${path.length === 0 ? "the team file" : label}: add it`,
      };
    case "type":
      return {
        path,
        message: `${label} must be ${TYPE_NAMES[String(error.params.type)] ?? error.params.type}, found ${describe(error.data)}${error.params.type === "string" && typeof error.data !== "object" ? ` (quote it: "${String(error.data)}")` : ""}`,
      };
    case "pattern":
      return {
        path,
        message: `${label}: ${describe(error.data)} ${PATTERN_HINTS[String(error.params.pattern)] ?? `must match ${error.params.pattern}`}`,
      };
    case "anyOf":
    case "const":
    case "enum":
      return { path, message: `${label}: ${describe(error.data)} is not valid here; expected ${expectedOf(error)}` };
    case "uniqueItems":
      return {
        path: [...path, Number(error.params.i)],
        message: `${label} lists the same value twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1}): keep one`,
      };
    case "minItems":
      return {
        path,
        message: `${label} must not be empty: list at least ${String(error.params.limit)} item, or remove the key`,
      };
    case "minLength":
      return { path, message: `${label} must not be empty` };
    case "maxLength":
      return { path, message: `${label} is too long: at most ${String(error.params.limit)} characters` };
    case "minimum":
    case "maximum":
      return {
        path,
        message: `${label} must be ${error.keyword === "minimum" ? "at least" : "at most"} ${String(error.params.limit)}`,
      };
    default:
      return { path, message: `${label} ${error.message ?? "is invalid"}` };
  }
}

function expectedOf(error: ErrorObject): string {
  const schema = error.parentSchema as SchemaNode | undefined;
  const expected =
    schema?.["x-expected"] ?? (error.keyword === "const" ? JSON.stringify(error.params.allowedValue) : "another form");
  const words = error.keyword === "enum" ? (error.params.allowedValues as string[]) : constants(schema);
  const suggestion = typeof error.data === "string" ? nearest(error.data, words) : undefined;
  return suggestion ? `${expected} (did you mean "${suggestion}"?)` : expected;
}

/** The candidate a typo most likely meant, if any is close enough. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function constants(schema: SchemaNode | undefined): string[] {
  if (!schema) return [];
  if (typeof schema.const === "string") return [schema.const];
  return (schema.anyOf ?? []).flatMap(constants);
}
