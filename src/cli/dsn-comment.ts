// npm run -s dsn-comment -- --base REF --outputs FILE
// Markdown for the projects added since REF, with their DSN (from `pulumi stack output --json`) and a
// setup snippet; prints nothing when the change added no project.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { newProjectsComment, type StackOutputs } from "../delivery/dsn-comment";
import { modelAtRevision, modelOfDirectory } from "../delivery/git";
import { DEFAULT_STACK, loadStackPolicy, readStackConfig } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

runCli("usage: npm run -s dsn-comment -- --base REF --outputs FILE [--stack prod]", () => {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      outputs: { type: "string" },
      stack: { type: "string", default: DEFAULT_STACK },
    },
    strict: true,
  });
  if (!values.base || !values.outputs) throw new UsageError("--base REF and --outputs FILE are required");
  const policy = loadStackPolicy(values.stack, process.cwd());
  const outputs = JSON.parse(readFileSync(values.outputs, "utf8")) as StackOutputs;
  const sentryUrl = `${new URL(String(readStackConfig(values.stack, process.cwd())["sentry:baseUrl"])).origin}/`;
  const comment = newProjectsComment(
    modelOfDirectory(join(process.cwd(), "teams"), policy),
    modelAtRevision(values.base, policy),
    outputs,
    sentryUrl,
  );
  return { output: comment ?? "", exitCode: 0 };
});
