// npm run validate [-- --dir PATH] [--stack NAME] [--format text|github|json]
import { parseArgs } from "node:util";
import { DIAGNOSTIC_FORMATS, formatDiagnostics, type DiagnosticFormat } from "../team-file/diagnostics";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

const USAGE = `usage: npm run validate -- [--dir teams] [--stack ${DEFAULT_STACK}] [--format ${DIAGNOSTIC_FORMATS.join("|")}]`;

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "teams" },
      stack: { type: "string", default: DEFAULT_STACK },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  const format = values.format as DiagnosticFormat;
  if (!DIAGNOSTIC_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"`);

  const policy = loadStackPolicy(values.stack, process.cwd());
  const inputs = readTeamDirectory(values.dir);
  const { diagnostics } = validateTeamFiles(inputs, policy);
  const report = formatDiagnostics(diagnostics, format, inputs.length);
  const summary =
    diagnostics.length === 0
      ? `${inputs.length} team file(s) in ${values.dir} are valid (stack ${values.stack}).`
      : `${diagnostics.length} error(s) in ${new Set(diagnostics.map((d) => d.file)).size} of ${inputs.length} team file(s).`;
  return {
    output: format === "json" ? report : [report, summary].filter(Boolean).join("\n"),
    exitCode: diagnostics.length === 0 ? 0 : 1,
  };
});
