// npm run -s targets -- --base REF [--stack prod]
// Prints the URNs to preview for the team files changed since REF (merge base), one per line, or
// nothing when a full preview is needed (a change outside teams/ can affect every team).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { needsFullPreview, targetUrns } from "../delivery/targets";
import { buildDesiredOrganization } from "../model/organization";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { runCli, UsageError } from "./run";

const USAGE = "usage: npm run -s targets -- --base REF [--stack prod]";
const git = (args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

runCli(USAGE, () => {
  const { values } = parseArgs({ options: { base: { type: "string" }, stack: { type: "string", default: DEFAULT_STACK } }, strict: true });
  if (!values.base) throw new UsageError("--base REF is required (e.g. origin/main)");
  const projectDir = process.cwd();
  const policy = loadStackPolicy(values.stack, projectDir);

  const changed = git(["diff", "--name-only", `${values.base}...HEAD`]).split("\n").filter(Boolean);
  const wide = needsFullPreview(changed);
  if (wide.length > 0) {
    process.stderr.write(`full preview: ${wide.join(", ")} changed, which can affect every team\n`);
    return { output: "", exitCode: 0 };
  }
  const changedTeams = new Set(changed.filter((p) => p.startsWith("teams/")).map((p) => basename(p).replace(/\.ya?ml$/, "")));
  if (changedTeams.size === 0) return { output: "", exitCode: 0 };

  const modelOf = (dir: string) => buildDesiredOrganization(validateTeamFiles(readTeamDirectory(dir), policy).teams, policy);
  const baseDir = mkdtempSync(join(tmpdir(), "teams-base-"));
  try {
    const mergeBase = git(["merge-base", values.base, "HEAD"]).trim();
    const baseHasTeams = git(["ls-tree", "--name-only", mergeBase, "teams"]).trim() !== "";
    if (baseHasTeams) execFileSync("sh", ["-c", `git archive "${mergeBase}" teams | tar -x -C "${baseDir}"`], { stdio: ["ignore", "ignore", "pipe"] });
    const base = baseHasTeams ? modelOf(join(baseDir, "teams")) : undefined;
    const urns = targetUrns(changedTeams, values.stack, modelOf(join(projectDir, "teams")), base);
    process.stderr.write(`targeted preview: ${urns.length} resource(s) of ${[...changedTeams].sort().join(", ")}\n`);
    return { output: urns.join("\n"), exitCode: 0 };
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
});
