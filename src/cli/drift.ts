// npm run -s drift -- --preview FILE --report FILE --run-url URL
// Reads the nightly `pulumi preview --refresh --json --show-sames` and writes the drift issue's body to
// REPORT when something drifted. Prints counts only (`drift=N`, `expected=N`). Exit 0 in both cases
// (the workflow opens or closes the issue); exit 1 when FILE is not a whole, successful preview. The
// team files of `teams/` say which memberships have ended (their removal is expected, not drift).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { classifyDrift, driftIssueBody } from "../delivery/drift";
import { modelOfDirectory, TEAMS_DIR } from "../delivery/git";
import { parsePreview } from "../delivery/guard";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

const USAGE = "usage: npm run -s drift -- --preview FILE --report FILE --run-url URL";

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      preview: { type: "string" },
      report: { type: "string" },
      "run-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values.preview || !values.report || !values["run-url"])
    throw new UsageError("--preview FILE, --report FILE and --run-url URL are required");
  let text: string;
  try {
    text = readFileSync(values.preview, "utf8");
  } catch {
    throw new Error(`cannot read ${values.preview}`);
  }
  const model = modelOfDirectory(TEAMS_DIR, loadStackPolicy(DEFAULT_STACK, process.cwd()));
  const report = classifyDrift(parsePreview(text), new Set(model.endedMemberships.map((m) => m.email)));
  writeFileSync(values.report, report.drift.length > 0 ? driftIssueBody(report, values["run-url"]) : "");
  return { output: `drift=${report.drift.length}\nexpected=${report.expected.length}`, exitCode: 0 };
});
