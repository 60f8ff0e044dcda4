// Team files as they were at a git revision, for the tools that compare a change with its base.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDesiredOrganization, type DesiredOrganization } from "../model/organization";
import type { StackPolicy } from "../stack/policy";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";

export const git = (args: string[]) =>
  execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export function modelOfDirectory(dir: string, policy: StackPolicy): DesiredOrganization {
  return buildDesiredOrganization(validateTeamFiles(readTeamDirectory(dir), policy).teams, policy);
}

/** The model of `teams/` at a revision (files that were invalid then are left out); undefined when there was no teams/. */
export function modelAtRevision(revision: string, policy: StackPolicy): DesiredOrganization | undefined {
  if (git(["ls-tree", "--name-only", revision, "teams"]).trim() === "") return undefined;
  const dir = mkdtempSync(join(tmpdir(), "teams-at-"));
  try {
    execFileSync("sh", ["-c", 'git archive "$1" teams | tar -x -C "$2"', "sh", revision, dir], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    return modelOfDirectory(join(dir, "teams"), policy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
