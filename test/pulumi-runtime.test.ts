// index.ts as Pulumi's Node.js runtime compiles it (vendored ts-node 7.0.1 + the project's TypeScript),
// not as vitest or tsx do: a tsconfig setting that only the runtime's compiler rejects fails here.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { planTeams } from "../src/plan/plan";
import { ROOT } from "./helpers/team-files";

const run = promisify(execFile);

describe("Pulumi's TypeScript runtime loads the program", () => {
  it.each([
    ["type-checked (Pulumi's default)", "false"],
    ["transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY=true)", "true"],
  ])(
    "%s",
    async (_mode, transpileOnly) => {
      const { stdout } = await run(
        process.execPath,
        [join(ROOT, "test", "helpers", "load-with-pulumi-tsnode.js"), ROOT],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH, TRANSPILE_ONLY: transpileOnly },
        },
      );
      const planned = await planTeams({ dir: join(ROOT, "teams"), stack: "prod", projectDir: ROOT });
      if (!planned.ok) throw new Error("teams/ must plan");
      expect(stdout.trim()).toBe(`registered ${planned.plan.resources.length}`);
    },
    60_000,
  );
});
