// npm run -s team-files -- --revision REV [--since REV] --into DIR
// Replaces the team data of DIR (`*.yaml` and adoption.json) with those of git revision REV, read as
// data from git's objects: regular files directly under teams/ only, nothing checked out or run.
// With --since (a merge base), only the entries REV changed since then are replaced or removed, so
// that DIR keeps what its own branch changed in other files meanwhile.
// Prints counts only (`key=number` lines): nothing from the revision reaches the log.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADOPTION_FILE } from "../adoption/adoption";
import { changedTeamEntries, extractTeamFiles } from "../delivery/git";
import { runCli, UsageError } from "./run";

const USAGE = "usage: npm run -s team-files -- --revision REV [--since REV] --into DIR";

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      revision: { type: "string" },
      since: { type: "string" },
      into: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values.revision || !values.into) throw new UsageError("--revision REV and --into DIR are required");
  const only = values.since ? new Set(changedTeamEntries(values.since, values.revision)) : undefined;
  for (const name of readdirSync(values.into)) {
    if ((name.endsWith(".yaml") || name === ADOPTION_FILE) && (!only || only.has(name)))
      rmSync(join(values.into, name));
  }
  const { written, skipped } = extractTeamFiles(values.revision, values.into, only);
  return { output: `written=${written.length}\nskipped=${skipped}`, exitCode: 0 };
});
