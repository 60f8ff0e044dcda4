// Runs the real program under mocks on in-memory team files and offers aws-cdk-style assertions on
// the recorded declarations.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as github from "@pulumi/github";
import * as sentry from "@pulumiverse/sentry";
import { expect } from "vitest";
import type { RecordedResource } from "../../src/plan/mock-engine";
import { planTeams, type Plan } from "../../src/plan/plan";
import { TYPES } from "../../src/pulumi/names";
import { ROOT } from "./team-files";

/** Type tokens, from the program's one list (src/pulumi/names.ts) and, for those it never declares, the SDK. */
export const T = {
  team: TYPES.team,
  project: TYPES.project,
  member: TYPES.member,
  alert: TYPES.issueAlert,
  metricAlert: TYPES.metricAlert,
  plugin: TYPES.plugin,
  repoLink: TYPES.repositoryLink,
  codeMapping: TYPES.codeMapping,
  sentryKey: (sentry.SentryKey as unknown as { __pulumiType: string }).__pulumiType,
  installationRepo: TYPES.installationRepository,
  installationRepos: (github.AppInstallationRepositories as unknown as { __pulumiType: string }).__pulumiType,
  projectDefaults: TYPES.projectDefaults,
  projectGuardrails: TYPES.projectGuardrails,
  memberUser: TYPES.memberUser,
  teamRoles: TYPES.memberTeamRoles,
  teamDefaults: TYPES.teamDefaults,
  sentryProvider: TYPES.sentryProvider,
  githubProvider: TYPES.githubProvider,
} as const;

export function teamDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export class Declared {
  constructor(readonly plan: Plan) {}

  get resources(): RecordedResource[] {
    return this.plan.resources;
  }

  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  resourceCount(type: string, count: number): void {
    expect(this.ofType(type).map((r) => r.name)).toHaveLength(count);
  }

  /** The one resource of that type and name. */
  get(type: string, name: string): RecordedResource {
    const found = this.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).toHaveLength(1);
    return found[0];
  }

  /** Some resource of that type has inputs matching `partial` (deep partial match). */
  hasResource(type: string, partial: Record<string, unknown>): void {
    expect(this.ofType(type).map((r) => r.inputs)).toContainEqual(expect.objectContaining(partial));
  }
}

export async function declare(files: Record<string, string>, stack = "prod"): Promise<Declared> {
  const result = await planTeams({ dir: teamDir(files), stack, projectDir: ROOT });
  if (!result.ok) throw new Error(`invalid team files: ${JSON.stringify(result.diagnostics)}`);
  expect(result.plan.resources.length).toBeGreaterThan(0);
  return new Declared(result.plan);
}
