// npm run plan [-- --dir PATH] [--stack NAME] [--format markdown|json]
import { parseArgs } from "node:util";
import { join } from "node:path";
import { planMarkdown } from "../plan/markdown";
import { planJson, planTeams } from "../plan/plan";
import { DEFAULT_STACK } from "../stack/stack-file";
import { formatDiagnostics } from "../team-file/diagnostics";
import { runCli, UsageError } from "./run";

const FORMATS = ["markdown", "json"] as const;
const USAGE = `usage: npm run plan -- [--dir teams] [--stack ${DEFAULT_STACK}] [--format ${FORMATS.join("|")}]`;

runCli(USAGE, async () => {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "teams" },
      stack: { type: "string", default: DEFAULT_STACK },
      format: { type: "string", default: "markdown" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!(FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(`unknown format "${values.format}"`);

  const result = await planTeams({ dir: values.dir, stack: values.stack, projectDir: join(__dirname, "..", "..") });
  if (!result.ok) {
    const errors = formatDiagnostics(result.diagnostics, "text", result.filesChecked);
    process.stderr.write(
      `${errors}\nThe plan did not run: fix the ${result.diagnostics.length} error(s) above (npm run validate shows them too).\n`,
    );
    return { output: "", exitCode: 1 };
  }
  return {
    output: values.format === "json" ? JSON.stringify(planJson(result.plan), null, 2) : planMarkdown(result.plan),
    exitCode: 0,
  };
});
