// npm run -s preview-comment -- --outcome no-team-files|invalid-files|job-failed|preview --run-url URL
//   [--preview FILE] [--log FILE] [--allow-deletions] [--members-before N] [--other-files N]
// Prints the pull request's preview comment (Markdown). With `--outcome preview`, FILE is the output
// of `pulumi preview --json --show-sames` and LOG its standard error: a preview that failed, or left
// no valid document, is shown as failed with the errors it reported.
import { readFileSync } from "node:fs";
import { parsePreview, PreviewFormatError } from "../delivery/guard";
import { previewComment, type PreviewOutcome } from "../delivery/preview-comment";
import { command, UsageError } from "./run";

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

command({
  script: "preview-comment",
  silent: true,
  summary:
    "Prints the pull request's preview comment (Markdown) for what happened: no team file changed, invalid\nfiles, a job that failed, or the preview itself (summary, deletion guard verdict, changes).",
  options: {
    outcome: {
      type: "string",
      required: true,
      choices: ["no-team-files", "invalid-files", "job-failed", "preview"],
      help: "what happened to the preview job",
    },
    "run-url": { type: "string", required: true, value: "URL", help: "the workflow run, linked from the comment" },
    preview: {
      type: "string",
      value: "FILE",
      help: "with --outcome preview: the output of `pulumi preview --json --show-sames`",
    },
    log: { type: "string", value: "FILE", help: "the preview's standard error, shown when it failed" },
    "allow-deletions": { type: "boolean", help: "the pull request has the allow-deletions label" },
    "members-before": {
      type: "string",
      default: "0",
      value: "N",
      help: "members declared at the merge base (deletion guard)",
    },
    "other-files": { type: "string", default: "0", value: "N", help: "files changed outside teams/" },
  },
  exit: { ok: "comment printed" },
  run({ values }) {
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
    }
    return {
      output: previewComment({
        outcome,
        otherFiles: count(values["other-files"], "--other-files"),
        runUrl: values["run-url"],
      }),
      exitCode: 0,
    };
  },
});
