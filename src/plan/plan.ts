// The offline plan: validate the team files, then run the real Pulumi program under mocks and
// record what it declares. This is what a pull request from a fork gets, since forks have no secrets.
import { readAdoption } from "../adoption/adoption";
import { buildDesiredOrganization, type DesiredOrganization } from "../model/organization";
import { runProgram } from "../pulumi/program";
import type { Language } from "../i18n/language";
import { PULUMI_PROJECT } from "../stack/policy";
import { loadStackPolicy, readStackConfig } from "../stack/stack-file";
import type { Diagnostic } from "../team-file/diagnostics";
import { parisDate } from "../team-file/expiry";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { runUnderMocks, type RecordedResource } from "./mock-engine";

export interface PlanOptions {
  /** Folder of team files. */
  dir: string;
  stack: string;
  /** Folder holding Pulumi.yaml and the stack files. */
  projectDir: string;
  /** Progress of a long plan: the phase, and the resources declared so far. */
  onProgress?: (phase: "validate" | "declare", declared: number) => void;
  /** The run's day in Europe/Paris (`YYYY-MM-DD`) against which `until` is read; today when absent. */
  today?: string;
}

export interface Plan {
  stack: string;
  model: DesiredOrganization;
  /** Every declared resource, sorted by type then name. */
  resources: RecordedResource[];
}

export type PlanResult = ({ ok: true; plan: Plan } | { ok: false; diagnostics: Diagnostic[]; filesChecked: number }) & {
  /** The stack's language setting, for what the plan's callers print. */
  language?: Language;
};

export async function planTeams(options: PlanOptions): Promise<PlanResult> {
  const policy = loadStackPolicy(options.stack, options.projectDir);
  options.onProgress?.("validate", 0);
  const files = readTeamDirectory(options.dir);
  const today = options.today ?? parisDate(new Date());
  const { teams, diagnostics } = validateTeamFiles(files, policy, { today });
  if (diagnostics.length > 0) return { ok: false, diagnostics, filesChecked: files.length, language: policy.language };
  const adoption = readAdoption(options.dir, teams, policy);
  if (adoption.diagnostics.length > 0)
    return {
      ok: false,
      diagnostics: adoption.diagnostics,
      filesChecked: files.length + 1,
      language: policy.language,
    };

  const { resources } = await runUnderMocks({
    project: PULUMI_PROJECT,
    stack: options.stack,
    config: readStackConfig(options.stack, options.projectDir),
    load: async () => runProgram(options.projectDir, { teams, adoption: adoption.adoption, today }),
    onRecorded: options.onProgress && ((count) => options.onProgress!("declare", count)),
  });
  resources.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  return {
    ok: true,
    plan: { stack: options.stack, model: buildDesiredOrganization(teams, policy, adoption.adoption, today), resources },
    language: policy.language,
  };
}

/** The JSON contract of `npm run plan -- --format json`. */
export function planJson(plan: Plan): {
  resources: { type: string; name: string; inputs: Record<string, unknown>; import?: string }[];
} {
  return {
    resources: plan.resources.map((r) => ({
      type: r.type,
      name: r.name,
      inputs: r.inputs,
      ...(r.import ? { import: r.import } : {}),
    })),
  };
}
