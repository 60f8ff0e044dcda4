// Shared CLI shell: prints the result, turns expected failures into one line and exit code 2
// (usage) or 1 (failure), never a stack trace.

export class UsageError extends Error {}

export interface CliResult {
  output: string;
  exitCode: number;
}

export function runCli(usage: string, main: () => CliResult | Promise<CliResult>): void {
  Promise.resolve()
    .then(main)
    .then(
      ({ output, exitCode }) => {
        if (output) process.stdout.write(`${output}\n`);
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const isUsage = error instanceof UsageError || (error as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS");
        process.stderr.write(`error: ${message}\n${isUsage ? `${usage}\n` : ""}`);
        process.exitCode = isUsage ? 2 : 1;
      },
    );
}
