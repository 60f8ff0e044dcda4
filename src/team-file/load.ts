// Reads the team files of a folder (one level, like kubernetes/org's merge step).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { TeamFileInput } from "./validate";

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
