// The offline plan of 662 realistic team files against baselines that register the same number of
// resources under the same mock engine, in the same run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { buildDesiredOrganization } from "../src/model/organization";
import { runUnderMocks, type RecordedResource } from "../src/plan/mock-engine";
import { planTeams } from "../src/plan/plan";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy, ROOT } from "../test/helpers/team-files";
import { measure, ms, report } from "./measure";

class Bare extends pulumi.CustomResource {}

function register(resources: readonly RecordedResource[], inputs: (r: RecordedResource) => Record<string, unknown>) {
  return runUnderMocks({
    project: "bench",
    stack: "bench",
    config: {},
    load: async () => {
      resources.forEach((r, i) => new Bare("bench:index:Bare", `r${i}`, inputs(r)));
    },
  });
}

export async function benchPlan(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "bench-plan-"));
  for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
  const plan = async () => {
    const result = await planTeams({ dir, stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error("benchmark input must be valid");
    return result.plan;
  };
  const { resources } = await plan();
  const count = resources.length;
  const runs = 5;

  const whole = await measure(plan, runs, 1);
  const matched = await measure(() => register(resources, (r) => r.inputs), runs, 1);
  const bare = await measure(() => register(resources, (_r) => ({ organization: "betagouv" })), runs, 1);
  const files = readTeamDirectory(dir);
  const validation = await measure(() => validateTeamFiles(files, prodPolicy), runs, 1);
  const teams = validateTeamFiles(files, prodPolicy).teams;
  const model = await measure(() => buildDesiredOrganization(teams, prodPolicy), runs, 1);

  const perSecond = (m: { medianMs: number }) => `${Math.round((count / m.medianMs) * 1000)} resources/s`;
  const ratioMatched = whole.medianMs / matched.medianMs;
  const ratioBare = whole.medianMs / bare.medianMs;
  return report(
    `plan: ${files.length} team files -> ${count} resources under Pulumi mocks`,
    [
      `whole plan (read, validate, model, run the program):  ${ms(whole)}, ${perSecond(whole)}`,
      `baseline, ${count} resources with the same inputs:     ${ms(matched)}, ${perSecond(matched)}  -> ratio ${ratioMatched.toFixed(2)}x`,
      `baseline, ${count} bare resources (one input each):     ${ms(bare)}, ${perSecond(bare)}  -> ratio ${ratioBare.toFixed(2)}x`,
      `where the time goes: validation ${validation.medianMs.toFixed(0)} ms, model ${model.medianMs.toFixed(1)} ms,`,
      `  the engine's cost of the declared inputs ${(matched.medianMs - bare.medianMs).toFixed(0)} ms, the rest (components, output wiring, dynamic providers) ${(whole.medianMs - matched.medianMs - validation.medianMs - model.medianMs).toFixed(0)} ms`,
    ],
    [{ label: `plan within 1.25x of registering the same resources with the same inputs (${ratioMatched.toFixed(2)}x)`, met: ratioMatched <= 1.25 }],
  );
}
