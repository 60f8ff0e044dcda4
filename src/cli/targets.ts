// npm run -s targets -- --base REF [--stack prod]
// Prints the URNs to preview for the team files changed since REF (merge base), one per line, or
// nothing when a full preview is needed (a change outside teams/ can affect every team).
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { git, modelAtRevision, modelOfDirectory } from "../delivery/git";
import { needsFullPreview, targetUrns } from "../delivery/targets";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

runCli("usage: npm run -s targets -- --base REF [--stack prod]", () => {
  const { values } = parseArgs({
    options: { base: { type: "string" }, stack: { type: "string", default: DEFAULT_STACK } },
    strict: true,
  });
  if (!values.base) throw new UsageError("--base REF is required (e.g. origin/main)");
  const policy = loadStackPolicy(values.stack, process.cwd());

  const changed = git(["diff", "--name-only", `${values.base}...HEAD`])
    .split("\n")
    .filter(Boolean);
  const wide = needsFullPreview(changed);
  if (wide.length > 0) {
    process.stderr.write(`full preview: ${wide.join(", ")} changed, which can affect every team\n`);
    return { output: "", exitCode: 0 };
  }
  const changedTeams = new Set(
    changed.filter((p) => p.startsWith("teams/")).map((p) => basename(p).replace(/\.ya?ml$/, "")),
  );
  if (changedTeams.size === 0) return { output: "", exitCode: 0 };

  const mergeBase = git(["merge-base", values.base, "HEAD"]).trim();
  const urns = targetUrns(
    changedTeams,
    values.stack,
    modelOfDirectory(join(process.cwd(), "teams"), policy),
    modelAtRevision(mergeBase, policy),
  );
  process.stderr.write(`targeted preview: ${urns.length} resource(s) of ${[...changedTeams].sort().join(", ")}\n`);
  return { output: urns.join("\n"), exitCode: 0 };
});
