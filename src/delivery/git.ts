// Team files as they were at a git revision, read as data: only regular files directly under teams/
// are written out, blob by blob (never a symlink, a submodule or a folder, never checked out).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADOPTION_FILE, readAdoption } from "../adoption/adoption";
import { buildDesiredOrganization, type DesiredOrganization } from "../model/organization";
import type { StackPolicy } from "../stack/policy";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";

export const TEAMS_DIR = "teams";
/** Git modes of regular files (`git ls-tree`): 100644, and 100755 for an executable bit. */
const REGULAR_FILE = /^100(644|755)$/;
/** What a pull request may bring into the preview's teams/: team files and the adoption file. */
const TEAM_DATA = (name: string) => /^[^/]+\.yaml$/.test(name) || name === ADOPTION_FILE;

export const git = (args: string[]) =>
  execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  name: string;
}

/** Entries directly under teams/ at a revision (`-z`: names are taken byte for byte, never quoted). */
function teamsTree(revision: string): TreeEntry[] {
  return git(["ls-tree", "-z", `${revision}:${TEAMS_DIR}`])
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta, name] = [line.slice(0, line.indexOf("\t")), line.slice(line.indexOf("\t") + 1)];
      const [mode, type, object] = meta.split(" ");
      return { mode, type, object, name };
    });
}

export function hasTeams(revision: string): boolean {
  try {
    git(["rev-parse", "--verify", "--quiet", `${revision}:${TEAMS_DIR}`]);
    return true;
  } catch {
    return false;
  }
}

export interface ExtractedFiles {
  written: string[];
  /** Entries left out: not a regular file, or not team data. Counted, never named in logs. */
  skipped: number;
}

/**
 * Writes into `into` the team data of `revision` (all of it, or only `names`) from git's objects.
 * Symlinks, submodules, folders and other files are left out.
 */
export function extractTeamFiles(revision: string, into: string, names?: ReadonlySet<string>): ExtractedFiles {
  const written: string[] = [];
  let skipped = 0;
  if (!hasTeams(revision)) return { written, skipped };
  for (const entry of teamsTree(revision)) {
    if (names && !names.has(entry.name)) continue;
    if (entry.type !== "blob" || !REGULAR_FILE.test(entry.mode) || !TEAM_DATA(entry.name)) {
      skipped++;
      continue;
    }
    writeFileSync(join(into, entry.name), execFileSync("git", ["cat-file", "blob", entry.object]));
    written.push(entry.name);
  }
  return { written, skipped };
}

/** Names of the entries under teams/ that differ between two revisions (`-z`: never quoted). */
export function changedTeamEntries(base: string, head: string): string[] {
  return git(["diff", "--no-renames", "--name-only", "-z", base, head, "--", `${TEAMS_DIR}/`])
    .split("\0")
    .filter(Boolean)
    .map((path) => path.slice(TEAMS_DIR.length + 1))
    .filter((name) => !name.includes("/"));
}

/** Paths outside teams/ that differ between two revisions: counted, for the preview's notice. */
export function changedOtherPaths(base: string, head: string): number {
  return git(["diff", "--no-renames", "--name-only", "-z", base, head])
    .split("\0")
    .filter((path) => path && !path.startsWith(`${TEAMS_DIR}/`)).length;
}

/** Runs `use` on a temporary folder holding the team data of `revision` (all, or `names`). */
export async function withTeamFilesAt<T>(
  revision: string,
  names: ReadonlySet<string> | undefined,
  use: (dir: string) => T | Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "teams-at-"));
  try {
    extractTeamFiles(revision, dir, names);
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function modelOfDirectory(dir: string, policy: StackPolicy): DesiredOrganization {
  const { teams } = validateTeamFiles(readTeamDirectory(dir), policy);
  return buildDesiredOrganization(teams, policy, readAdoption(dir, teams, policy).adoption);
}

/** The model of `teams/` at a revision (files that were invalid then are left out); undefined when there was no teams/. */
export async function modelAtRevision(revision: string, policy: StackPolicy): Promise<DesiredOrganization | undefined> {
  if (!hasTeams(revision)) return undefined;
  return withTeamFilesAt(revision, undefined, (dir) => modelOfDirectory(dir, policy));
}
