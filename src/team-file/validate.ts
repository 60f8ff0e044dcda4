// Team files -> validated teams, or every located error of the run at once.
// Order: file name, YAML (parse.ts), schema (humanize.ts), the rules a schema cannot express
// (rules/, one file per rule), then the checks across files (unique project slugs, sharedWith).
import { dirname } from "node:path";
import type { StackPolicy } from "../stack/policy";
import type { Diagnostic } from "./diagnostics";
import { parisDate } from "./expiry";
import { checkTeamSchema } from "./humanize";
import { locate, parseTeamFile } from "./parse";
import type { PathSegment } from "./path";
import { fileExtension } from "./rules/file-extension";
import { fileName } from "./rules/file-name";
import { resolveTeam, type ResolvedTeam } from "./resolve";
import { FILE_RULES } from "./rules/index";
import { projectSlugTaken } from "./rules/project-slug-taken";
import { diagnosticOf, type FileCheck, type Rule } from "./rules/rule";
import { sharedWithUnknownTeam } from "./rules/shared-with-unknown-team";
import type { TeamFile } from "./schema";
import { suggestSlug, teamSlugFromFile } from "./slug";
import { describePath } from "./where";

export interface TeamFileInput {
  /** Path shown in diagnostics. */
  file: string;
  bytes: Uint8Array;
  /** Set when the folder entry could not be read safely (then `bytes` is empty): its one diagnostic. */
  refused?: Diagnostic;
}

export interface ValidatedTeam {
  slug: string;
  file: string;
  team: TeamFile;
  /** What validation resolved (addresses, integrations, defaults), for the model. */
  resolved: ResolvedTeam;
}

export interface ValidationResult {
  teams: ValidatedTeam[];
  /** Errors: a file with one is left out of `teams`. */
  diagnostics: Diagnostic[];
  /** Warnings (severity `warning`): located, shown, and blocking nothing. */
  warnings: Diagnostic[];
}

export interface ValidationOptions {
  /** The run's calendar day in Europe/Paris (`YYYY-MM-DD`); today by default. */
  today?: string;
}

type Position = { line: number; col: number };

/** A valid file, with what the cross-file checks need to point at (the YAML tree is not kept). */
interface CheckedTeam {
  team: ValidatedTeam;
  projectSlugPositions: Position[];
  sharedWithPositions: Position[][];
}

export function validateTeamFiles(
  inputs: readonly TeamFileInput[],
  policy: StackPolicy,
  options: ValidationOptions = {},
): ValidationResult {
  const today = options.today ?? parisDate(new Date());
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedTeam[] = [];
  for (const input of inputs) {
    if (input.refused) {
      diagnostics.push(input.refused);
      continue;
    }
    const result = validateTeamFile(input, policy, today);
    diagnostics.push(...result.diagnostics);
    if (result.checked) checked.push(result.checked);
  }
  // A team exists once its file does, valid or not: no follow-on error for a team whose file has a typo.
  const teamSlugs = new Set(
    inputs.flatMap((input) => {
      const name = teamSlugFromFile(input.file);
      return "slug" in name ? [name.slug] : [];
    }),
  );
  diagnostics.push(...crossFileDiagnostics(checked, teamSlugs));
  return {
    teams: checked.map((c) => c.team),
    diagnostics: diagnostics.filter((d) => d.severity === "error"),
    warnings: diagnostics.filter((d) => d.severity === "warning"),
  };
}

function validateTeamFile(
  input: TeamFileInput,
  policy: StackPolicy,
  today: string,
): { checked?: CheckedTeam; diagnostics: Diagnostic[] } {
  const { file } = input;
  const diagnostics: Diagnostic[] = [];
  const start = { line: 1, col: 1 };
  const name = teamSlugFromFile(file);
  if ("problem" in name) {
    diagnostics.push(
      name.problem.kind === "extension"
        ? diagnosticOf(fileExtension, { name: name.problem.name, stem: name.problem.stem }, file, start)
        : diagnosticOf(fileName, { stem: name.problem.stem, suggestion: suggestSlug(name.problem.stem) }, file, start),
    );
  }

  const parsed = parseTeamFile(file, input.bytes);
  if (!parsed.ok) return { diagnostics: [...diagnostics, ...parsed.errors] };
  const { data } = parsed.parsed;

  const base = {
    data,
    policy,
    today,
    slug: "slug" in name ? name.slug : undefined,
    where: (path: readonly PathSegment[]) => describePath(data, path),
    position: (path: readonly PathSegment[], key?: string) => locate(parsed.parsed, path, key),
    report<P>(rule: Rule<P>, params: P, path: readonly PathSegment[], key?: string) {
      diagnostics.push(diagnosticOf(rule, params, file, locate(parsed.parsed, path, key)));
    },
  };
  const { misspelt } = checkTeamSchema(base);
  const check: FileCheck = { ...base, misspelt };
  for (const rule of FILE_RULES) rule.check(check);

  if (diagnostics.some((d) => d.severity === "error") || !("slug" in name)) return { diagnostics };
  const team = data as TeamFile;
  const projects = team.projects ?? [];
  return {
    checked: {
      team: { slug: name.slug, file, team, resolved: resolveTeam(name.slug, team, policy) },
      projectSlugPositions: projects.map((_, i) => check.position(["projects", i, "slug"])),
      sharedWithPositions: projects.map((project, i) =>
        (project.sharedWith ?? []).map((_, t) => check.position(["projects", i, "sharedWith", t])),
      ),
    },
    diagnostics,
  };
}

function crossFileDiagnostics(checked: readonly CheckedTeam[], teamSlugs: ReadonlySet<string>): Diagnostic[] {
  const seen = new Map<string, { file: string; at: Position }>();
  const diagnostics: Diagnostic[] = [];
  for (const { team, projectSlugPositions, sharedWithPositions } of [...checked].sort((a, b) =>
    a.team.file.localeCompare(b.team.file),
  )) {
    (team.team.projects ?? []).forEach((project, index) => {
      const at = projectSlugPositions[index];
      const first = seen.get(project.slug);
      if (first) {
        diagnostics.push(
          diagnosticOf(projectSlugTaken, { slug: project.slug, file: first.file, ...first.at }, team.file, at),
        );
      } else seen.set(project.slug, { file: team.file, at });
      (project.sharedWith ?? []).forEach((slug, t) => {
        if (!teamSlugs.has(slug)) {
          const folder = dirname(team.file) === "." ? "" : `${dirname(team.file)}/`;
          diagnostics.push(
            diagnosticOf(sharedWithUnknownTeam, { slug, folder }, team.file, sharedWithPositions[index][t]),
          );
        }
      });
    });
  }
  return diagnostics;
}
