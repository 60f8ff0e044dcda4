// npm run -s targets -- --base REV --head REV --out FILE [--stack prod]
// Writes to FILE the URNs to preview for the team files that differ between REV (the merge base)
// and HEAD, one per line, and prints counts only (`key=number` lines, safe for $GITHUB_OUTPUT):
// `team-files` changed, `targets` written, `other-files` changed outside teams/ (not previewed live:
// the preview runs the base branch's code), `members-before` declared at the merge base (what the
// deletion guard counts removals against). Nothing from the files themselves is printed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { changedOtherPaths, changedTeamEntries, modelAtRevision, withTeamFilesAt } from "../delivery/git";
import { declaredUrns, InvalidTeamFilesError, organizationWideUrns, targetUrns } from "../delivery/targets";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

const USAGE = "usage: npm run -s targets -- --base REV --head REV --out FILE [--stack prod]";

runCli(USAGE, async () => {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      head: { type: "string" },
      out: { type: "string" },
      stack: { type: "string", default: DEFAULT_STACK },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values.base || !values.head || !values.out)
    throw new UsageError("--base REV, --head REV and --out FILE are required");
  const where = { stack: values.stack, projectDir: join(__dirname, "..", "..") };

  const changed = new Set(changedTeamEntries(values.base, values.head));
  let urns: string[] = [];
  if (changed.size > 0) {
    const atHead = await withTeamFilesAt(values.head, changed, (dir) => declaredUrns(dir, where));
    // At the merge base, files that were invalid then declared nothing.
    const atBase = await withTeamFilesAt(values.base, changed, (dir) =>
      declaredUrns(dir, where).catch((error: unknown) => {
        if (error instanceof InvalidTeamFilesError) return [];
        throw error;
      }),
    );
    urns = targetUrns([atHead, atBase], await organizationWideUrns(where));
  }
  writeFileSync(values.out, urns.map((urn) => `${urn}\n`).join(""));
  const before = await modelAtRevision(values.base, loadStackPolicy(values.stack, where.projectDir));
  const counts = {
    "team-files": changed.size,
    targets: urns.length,
    "other-files": changedOtherPaths(values.base, values.head),
    "members-before": before?.members.length ?? 0,
  };
  return {
    output: Object.entries(counts)
      .map(([key, n]) => `${key}=${n}`)
      .join("\n"),
    exitCode: 0,
  };
});
