// Targeted previews: the URNs of the resources a pull request's team files declare, exactly as the
// program registers them. The changed files are planned under the mock engine (src/plan), which
// records the URN the real engine computes, at the pull request's head and at the merge base, so
// that what a change removes is previewed too. There is no second description of the resource tree.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTROL_CHARACTERS } from "../i18n/escape";
import { planTeams } from "../plan/plan";

/** Provider resources (pulumi/pulumi `providers.IsProviderType`: the `pulumi:providers:` package). */
const PROVIDER_TYPE = /^pulumi:providers:/;

export class InvalidTeamFilesError extends Error {}

export interface PlanLocation {
  stack: string;
  /** Folder holding Pulumi.yaml and the stack files. */
  projectDir: string;
}

/** Every URN the program registers for the team files of `dir`; throws when they are invalid. */
export async function declaredUrns(dir: string, where: PlanLocation): Promise<string[]> {
  const result = await planTeams({ dir, ...where });
  if (!result.ok) {
    throw new InvalidTeamFilesError(
      `${result.diagnostics.length} error(s) in the changed team files: the pull request's checks list them (npm run validate)`,
    );
  }
  return result.plan.resources.map((r) => r.urn);
}

/**
 * What the program declares whatever the team files say (the shared components, the Sentry
 * provider): planned from an empty folder. Targeting one of them with `target-dependents` would
 * pull in every team.
 */
export async function organizationWideUrns(where: PlanLocation): Promise<Set<string>> {
  const empty = mkdtempSync(join(tmpdir(), "no-teams-"));
  try {
    return new Set(await declaredUrns(empty, where));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

/** URNs to pass as `--target`: declared by the changed files, less providers and shared resources, sorted. */
export function targetUrns(declared: readonly (readonly string[])[], organizationWide: ReadonlySet<string>): string[] {
  const typeOf = (urn: string) => (urn.split("::")[2] ?? "").split("$").pop() ?? "";
  const urns = new Set(declared.flat().filter((urn) => !organizationWide.has(urn) && !PROVIDER_TYPE.test(typeOf(urn))));
  const unsafe = [...urns].filter((urn) => urn.search(CONTROL_CHARACTERS) >= 0);
  if (unsafe.length > 0) {
    throw new InvalidTeamFilesError(
      `${unsafe.length} resource name(s) hold a control character (a line break, a tab...): the validator must refuse them; fix the team file`,
    );
  }
  return [...urns].sort();
}
