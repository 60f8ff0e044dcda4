// Reads the team files of a folder (one level, like kubernetes/org's merge step).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { StackPolicy } from "../stack/policy";
import { formatDiagnostics } from "./diagnostics";
import { validateTeamFiles, type TeamFileInput, type ValidatedTeam } from "./validate";

/** Files the validator looks at: `.yaml` team files, and `.yml` ones so it can ask for a rename. */
const TEAM_FILE = /\.ya?ml$/;

export function readTeamDirectory(dir: string, cwd = process.cwd()): TeamFileInput[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    names = readdirSync(dir);
  } catch {
    throw new Error(`cannot read team folder ${dir}: pass an existing folder with --dir PATH`);
  }
  return names
    .filter((name) => TEAM_FILE.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const shown = relative(cwd, path);
      return { file: shown.startsWith("..") ? path : shown, bytes: readFileSync(path) };
    });
}

/**
 * The teams of a folder whose files must all be valid: otherwise throws (with `makeError`, e.g. a
 * Pulumi RunError) one message listing every located error, then `consequence`.
 */
export function readValidTeams(
  dir: string,
  policy: StackPolicy,
  consequence: string,
  makeError = (message: string) => new Error(message),
): ValidatedTeam[] {
  const files = readTeamDirectory(dir);
  const { teams, diagnostics } = validateTeamFiles(files, policy);
  if (diagnostics.length > 0) {
    throw makeError(
      `${diagnostics.length} error(s) in the team files of ${dir}; ${consequence}:\n${formatDiagnostics(diagnostics, "text", files.length)}`,
    );
  }
  return teams;
}
