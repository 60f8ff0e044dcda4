// npm run -s drift -- --preview FILE --report FILE --run-url URL
// Reads the nightly `pulumi preview --refresh --json --show-sames` and writes the drift issue's body to
// REPORT when something drifted. Prints counts only (`drift=N`, `expected=N`). Exit 0 in both cases
// (the workflow opens or closes the issue); exit 2 when FILE is not a whole, successful preview. The
// team files of `teams/` say which memberships have ended (their removal is expected, not drift).
import { readFileSync, writeFileSync } from "node:fs";
import { classifyDrift, driftIssueBody } from "../delivery/drift";
import { modelOfDirectory, TEAMS_DIR } from "../delivery/git";
import { parsePreview } from "../delivery/guard";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { command } from "./run";

command({
  script: "drift",
  silent: true,
  summary:
    "Classifies the nightly refreshed preview: writes the drift issue's body to the report file when\nsomething drifted (empty otherwise), and prints counts only, as key=value lines ($GITHUB_OUTPUT).",
  options: {
    preview: {
      type: "string",
      required: true,
      value: "FILE",
      help: "the output of `pulumi preview --refresh --json --show-sames`",
    },
    report: { type: "string", required: true, value: "FILE", help: "where the issue's body is written" },
    "run-url": { type: "string", required: true, value: "URL", help: "the workflow run, linked from the issue" },
  },
  exit: { ok: "classified (drift or not: see drift=N)" },
  run({ values }) {
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
  },
});
