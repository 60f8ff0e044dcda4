// npm run -s preview-comment -- --outcome no-team-files|invalid-files|job-failed|preview --run-url URL
//   [--preview FILE] [--log FILE] [--allow-deletions] [--members-before N] [--other-files N]
// Prints the pull request's preview comment (Markdown). With `--outcome preview`, FILE is the output
// of `pulumi preview --json --show-sames` and LOG its standard error: a preview that failed, or left
// no valid document, is shown as failed with the errors it reported.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parsePreview, PreviewFormatError } from "../delivery/guard";
import { previewComment, type PreviewOutcome } from "../delivery/preview-comment";
import { runCli, UsageError } from "./run";

const USAGE =
  "usage: npm run -s preview-comment -- --outcome no-team-files|invalid-files|job-failed|preview --run-url URL [--preview FILE] [--log FILE] [--allow-deletions] [--members-before N] [--other-files N]";

const readOr = (path: string | undefined, fallback: string) => {
  if (!path) return fallback;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
};
const count = (value: string, flag: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number`);
  return n;
};

/** The error diagnostics of a preview document, when the file holds one. */
function reportedErrors(text: string): string {
  try {
    const { diagnostics = [] } = JSON.parse(text) as { diagnostics?: { severity?: string; message?: string }[] };
    return diagnostics
      .filter((d) => d?.severity === "error")
      .map((d) => String(d.message ?? ""))
      .join("\n");
  } catch {
    return "";
  }
}

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      outcome: { type: "string" },
      "run-url": { type: "string" },
      preview: { type: "string" },
      log: { type: "string" },
      "allow-deletions": { type: "boolean", default: false },
      "members-before": { type: "string", default: "0" },
      "other-files": { type: "string", default: "0" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values["run-url"]) throw new UsageError("--run-url URL is required");
  let outcome: PreviewOutcome;
  switch (values.outcome) {
    case "no-team-files":
    case "invalid-files":
      outcome = { kind: values.outcome };
      break;
    case "job-failed":
      outcome = { kind: "failed", log: "the job failed before the preview could run: see the full log" };
      break;
    case "preview": {
      const text = readOr(values.preview, "");
      try {
        outcome = {
          kind: "done",
          document: parsePreview(text),
          allowDeletions: values["allow-deletions"],
          membersBefore: count(values["members-before"], "--members-before"),
        };
      } catch (error) {
        if (!(error instanceof PreviewFormatError)) throw error;
        const log = [reportedErrors(text), readOr(values.log, "")].filter(Boolean).join("\n");
        outcome = { kind: "failed", log: log || error.message };
      }
      break;
    }
    default:
      throw new UsageError("--outcome takes no-team-files, invalid-files, job-failed or preview");
  }
  return {
    output: previewComment({
      outcome,
      otherFiles: count(values["other-files"], "--other-files"),
      runUrl: values["run-url"],
    }),
    exitCode: 0,
  };
});
