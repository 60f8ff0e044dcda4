// npm run -s team-files -- --revision REV [--since REV] --into DIR
// Replaces the team data of DIR (`*.yaml` and adoption.json) with those of git revision REV, read as
// data from git's objects: regular files directly under teams/ only, nothing checked out or run.
// With --since (a merge base), only the entries REV changed since then are replaced or removed, so
// that DIR keeps what its own branch changed in other files meanwhile.
// Prints counts only (`key=number` lines): nothing from the revision reaches the log.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ADOPTION_FILE } from "../adoption/adoption";
import { changedTeamEntries, extractTeamFiles } from "../delivery/git";
import { command } from "./run";

command({
  script: "team-files",
  silent: true,
  summary:
    "Replaces the team data of a folder (*.yaml, adoption.json) with those of a git revision, read from\ngit's objects as data (regular files directly under teams/ only). Prints counts only.",
  options: {
    revision: { type: "string", required: true, value: "REV", help: "the revision whose team files to take" },
    since: {
      type: "string",
      value: "REV",
      help: "a merge base: only the entries REV changed since then are replaced or removed",
    },
    into: { type: "string", required: true, value: "DIR", help: "the team folder to update" },
  },
  exit: { ok: "done" },
  run({ values }) {
    const only = values.since ? new Set(changedTeamEntries(values.since, values.revision)) : undefined;
    for (const name of readdirSync(values.into)) {
      if ((name.endsWith(".yaml") || name === ADOPTION_FILE) && (!only || only.has(name)))
        rmSync(join(values.into, name));
    }
    const { written, skipped } = extractTeamFiles(values.revision, values.into, only);
    return { output: `written=${written.length}\nskipped=${skipped}`, exitCode: 0 };
  },
});
