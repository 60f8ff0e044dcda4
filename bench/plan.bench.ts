// The offline plan of 662 realistic team files against baselines that register the same number of
// resources under the same mock engine, in the same run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import {
  CodeMapping,
  MemberTeamRoles,
  MemberUser,
  ProjectDefaults,
  ProjectGuardrails,
  TeamDefaults,
} from "../src/pulumi/dynamic/resources";
import { buildDesiredOrganization } from "../src/model/organization";
import { runUnderMocks, type RecordedResource } from "../src/plan/mock-engine";
import { planTeams } from "../src/plan/plan";
import { TYPES } from "../src/pulumi/names";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy, ROOT } from "../test/helpers/team-files";
import { measure, measureInTurns, ms, report } from "./measure";

class Bare extends pulumi.CustomResource {}

type AnyConstructor = new (name: string, args: never, opts: never) => pulumi.Resource;
/** The SDK class behind each type token the program declares. */
const SDK_CLASSES: Record<string, AnyConstructor> = {
  [TYPES.team]: sentry.SentryTeam,
  [TYPES.project]: sentry.SentryProject,
  [TYPES.member]: sentry.SentryOrganizationMember,
  [TYPES.issueAlert]: sentry.SentryIssueAlert,
  [TYPES.metricAlert]: sentry.SentryMetricAlert,
  [TYPES.plugin]: sentry.SentryPlugin,
  [TYPES.repositoryLink]: sentry.SentryOrganizationRepositoryGithub,
  [TYPES.codeMapping]: CodeMapping,
  [TYPES.installationRepository]: github.AppInstallationRepository,
  [TYPES.projectDefaults]: ProjectDefaults,
  [TYPES.projectGuardrails]: ProjectGuardrails,
  [TYPES.memberUser]: MemberUser,
  [TYPES.memberTeamRoles]: MemberTeamRoles,
  [TYPES.teamDefaults]: TeamDefaults,
  [TYPES.sentryProvider]: sentry.Provider,
  [TYPES.githubProvider]: github.Provider,
};

/** How deep a URN's parent chain is: the parent's types are joined by `$` before the resource's own. */
const depth = (urn: string) => urn.split("::")[2].split("$").length;

/**
 * The same declarations through the same SDK classes, with literal inputs and no program around them:
 * each resource under the same parent (so with the same URN) and the same retain, protect and import
 * options. Left out, being the program's own wiring: inputs taken from other resources' outputs,
 * `dependsOn`, and explicit providers (the records do not say which of the per-owner providers).
 */
export function declareFlat(resources: readonly RecordedResource[]) {
  return runUnderMocks({
    project: PULUMI_PROJECT,
    stack: "prod",
    config: {},
    load: async () => {
      const declared = new Map<string, pulumi.Resource>();
      for (const r of [...resources].sort((a, b) => depth(a.urn) - depth(b.urn))) {
        const options: pulumi.CustomResourceOptions = {
          ...(r.parent ? { parent: declared.get(r.parent) } : {}),
          ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
          ...(r.protect ? { protect: true } : {}),
          ...(r.import ? { import: r.import } : {}),
        };
        const Class = SDK_CLASSES[r.type];
        if (Class) declared.set(r.urn, new Class(r.name, r.inputs as never, options as never));
        else if (!r.custom) declared.set(r.urn, new pulumi.ComponentResource(r.type, r.name, {}, options));
        else throw new Error(`no SDK class for ${r.type}`);
      }
    },
  });
}

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

export function realisticTeamDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-plan-"));
  for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
  return dir;
}

/** Peak resident memory of a fresh process that runs one plan, or declares `resources` without the program, in MB. */
function peakMemory(resources?: readonly RecordedResource[]): number {
  const args = ["plan"];
  if (resources) {
    const file = join(mkdtempSync(join(tmpdir(), "bench-flat-")), "resources.json");
    writeFileSync(file, JSON.stringify(resources));
    args.splice(0, 1, "flat", file);
  }
  const out = execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "plan-memory.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return Number(out.trim());
}

export async function benchPlan(): Promise<boolean> {
  const dir = realisticTeamDir();
  const plan = async () => {
    const result = await planTeams({ dir, stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error("benchmark input must be valid");
    return result.plan;
  };
  const { resources } = await plan();
  const count = resources.length;
  const urns = (rs: readonly RecordedResource[]) => rs.map((r) => r.urn).sort();
  if (JSON.stringify(urns((await declareFlat(resources)).resources)) !== JSON.stringify(urns(resources)))
    throw new Error("the baseline must declare the plan's resources under the same URNs");
  const runs = 7;
  const loadBefore = loadavg()[0];

  const { whole, flat, matched, bare } = await measureInTurns(
    {
      whole: plan,
      flat: () => declareFlat(resources),
      matched: () => register(resources, (r) => r.inputs),
      bare: () => register(resources, (_r) => ({ organization: "betagouv" })),
    },
    runs,
  );
  const files = readTeamDirectory(dir);
  const validation = await measure(() => validateTeamFiles(files, prodPolicy), runs, 1);
  const teams = validateTeamFiles(files, prodPolicy).teams;
  const model = await measure(() => buildDesiredOrganization(teams, prodPolicy), runs, 1);

  const memory = { plan: peakMemory(), flat: peakMemory(resources) };
  const load = `load average (1 min) ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`;
  const perSecond = (m: { medianMs: number }) => `${Math.round((count / m.medianMs) * 1000)} resources/s`;
  const ratioFlat = whole.medianMs / flat.medianMs;
  const ratioMatched = whole.medianMs / matched.medianMs;
  const ratioBare = whole.medianMs / bare.medianMs;
  return report(
    `plan: ${files.length} team files -> ${count} resources under Pulumi mocks`,
    [
      `${load}; each run of the four below takes its turn`,
      `whole plan (read, validate, model, run the program):  ${ms(whole)}, ${perSecond(whole)}`,
      `same declarations, same SDK classes, no program:      ${ms(flat)}, ${perSecond(flat)}  -> ratio ${ratioFlat.toFixed(2)}x`,
      `baseline, ${count} bare resources with the same inputs: ${ms(matched)}, ${perSecond(matched)}  -> ratio ${ratioMatched.toFixed(2)}x`,
      `baseline, ${count} bare resources (one input each):     ${ms(bare)}, ${perSecond(bare)}  -> ratio ${ratioBare.toFixed(2)}x`,
      "where the time goes (medians):",
      `  engine, one input per resource:           ${bare.medianMs.toFixed(0)} ms`,
      `  engine, the declared inputs:              +${(matched.medianMs - bare.medianMs).toFixed(0)} ms`,
      `  SDK classes (their output properties):    +${(flat.medianMs - matched.medianMs).toFixed(0)} ms`,
      `peak resident memory of one run in a fresh process: plan ${memory.plan} MB, same declarations without the program ${memory.flat} MB`,
      `  this program: validation ${validation.medianMs.toFixed(0)} ms, model ${model.medianMs.toFixed(1)} ms, wiring and components +${(whole.medianMs - flat.medianMs - validation.medianMs - model.medianMs).toFixed(0)} ms`,
    ],
    [
      {
        label: `plan within 1.1x of the same declarations made without the program (${ratioFlat.toFixed(2)}x)`,
        met: ratioFlat <= 1.1,
      },
      { label: `plan peaks at 1 GB or less (${memory.plan} MB)`, met: memory.plan <= 1000 },
    ],
  );
}
