// npm run -s targets -- --base REV --head REV --out FILE [--stack prod]
// Writes to FILE the URNs to preview for the team files that differ between REV (the merge base)
// and HEAD, one per line, and prints counts only (`key=number` lines, safe for $GITHUB_OUTPUT):
// `team-files` changed, `targets` written, `other-files` changed outside teams/ (not previewed live:
// the preview runs the base branch's code), `members-before` declared at the merge base (what the
// deletion guard counts removals against). Nothing from the files themselves is printed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { changedOtherPaths, changedTeamEntries, modelAtRevision, withTeamFilesAt } from "../delivery/git";
import { declaredUrns, InvalidTeamFilesError, organizationWideUrns, targetUrns } from "../delivery/targets";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { command } from "./run";

command({
  script: "targets",
  silent: true,
  summary:
    "Writes to FILE the URNs to preview or deploy for the team files that differ between two revisions, one\nper line, planned under the mock engine at both; prints counts only, as key=value lines ($GITHUB_OUTPUT):\nteam-files, targets, other-files (changed outside teams/), members-before (declared at --base).",
  options: {
    base: { type: "string", required: true, value: "REV", help: "the merge base, or the last deployed commit" },
    head: { type: "string", required: true, value: "REV", help: "the revision to preview or deploy" },
    out: { type: "string", required: true, value: "FILE", help: "where the URNs are written" },
    stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "configuration of Pulumi.NAME.yaml" },
  },
  exit: { ok: "written" },
  async run({ values, progress }) {
    progress.update("targets: planning the changed team files at both revisions");
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
  },
});
