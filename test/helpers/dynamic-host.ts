// Runs one method of a dynamic provider the way Pulumi's dynamic provider host does: a fresh, plain
// `node` process in the project root evaluates the resource's `__provider` text with
// `require-from-string` and calls `handler()[method](...args)` (@pulumi/pulumi
// cmd/dynamic-provider/index.js, `getProvider`).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ROOT } from "./team-files";

const run = promisify(execFile);

const HOST = `
const requireFromString = require("require-from-string");
const [text, method, args] = process.argv.slice(1);
Promise.resolve()
  .then(() => requireFromString(text).handler()[method](...JSON.parse(args)))
  .then(
    (result) => process.stdout.write(JSON.stringify(result ?? null)),
    (error) => { process.stderr.write(String(error)); process.exit(1); },
  );
`;

export async function runInHost(
  providerText: string,
  method: string,
  args: unknown[],
  env: Record<string, string>,
): Promise<unknown> {
  const { stdout } = await run(process.execPath, ["-e", HOST, providerText, method, JSON.stringify(args)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return JSON.parse(stdout);
}
