// The mock runner leaves out the SDK's promise and declaration-stack bookkeeping to keep the offline plan
// of the whole network under its memory target: it must record exactly what the SDK's own bookkeeping does.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { readAdoption } from "../src/adoption/adoption";
import { runUnderMocks, type RecordedResource } from "../src/plan/mock-engine";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { prodPolicy, ROOT } from "./helpers/team-files";

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };
const resourceStatics = pulumi.Resource as unknown as { stackTrace: unknown };

/** Registration order follows promise scheduling, which the bookkeeping changes; the set of records must not. */
const canonical = (resources: readonly RecordedResource[]) =>
  resources.map((r) => JSON.stringify(r)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe("the mock runner's lean bookkeeping", () => {
  it("records the same resources, inputs, URNs, parents and options as the SDK's own (662 realistic teams)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lean-"));
    for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
    const { teams, diagnostics } = validateTeamFiles(readTeamDirectory(dir), prodPolicy);
    expect(diagnostics).toEqual([]);
    const { adoption } = readAdoption(dir, teams, prodPolicy);
    const plan = async (sdkBookkeeping: boolean) =>
      canonical(
        (
          await runUnderMocks({
            project: PULUMI_PROJECT,
            stack: "prod",
            config: readStackConfig("prod", ROOT),
            load: async () => runProgram(ROOT, { teams, adoption }),
            sdkBookkeeping,
          })
        ).resources,
      );
    const lean = await plan(false);
    expect(lean.length).toBeGreaterThan(10_000);
    expect(lean).toEqual(await plan(true));
  }, 300_000);

  it("is in place only while a mock run lasts", async () => {
    const before = { promise: debuggable.debuggablePromise, stackTrace: resourceStatics.stackTrace };
    const during = await runUnderMocks({
      project: "p",
      stack: "s",
      config: {},
      load: async () => ({ promise: debuggable.debuggablePromise, stackTrace: resourceStatics.stackTrace }),
    });
    expect(during.program.promise).not.toBe(before.promise);
    expect(during.program.stackTrace).not.toBe(before.stackTrace);
    expect(debuggable.debuggablePromise).toBe(before.promise);
    expect(resourceStatics.stackTrace).toBe(before.stackTrace);
  });
});
