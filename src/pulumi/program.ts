// The Pulumi program: stack config -> team files -> validation -> desired model -> declarations.
// Invalid team files stop the program with every located error, before anything is declared.
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readAdoption } from "../adoption/adoption";
import { buildDesiredOrganization, type Adoption } from "../model/organization";
import { parseStackPolicy, policyFromConfig, PULUMI_PROJECT, type StackPolicy } from "../stack/policy";
import { formatDiagnostics } from "../team-file/diagnostics";
import { readValidTeams } from "../team-file/load";
import type { ValidatedTeam } from "../team-file/validate";
import { declareOrganization, SDK_TOKEN_VARIABLES, type OrganizationOutputs } from "./organization";

export interface ProgramInput {
  /** Team files already validated against this stack's policy (the offline plan validates them first). */
  teams: readonly ValidatedTeam[];
  adoption?: Adoption;
  /** The run's day in Europe/Paris (`YYYY-MM-DD`) against which `until` is read; today when absent. */
  today?: string;
}

/** @param input the team files and adoption file; read from `<projectDir>/teams` when absent. */
export function runProgram(projectDir: string, input?: ProgramInput): OrganizationOutputs {
  const config = new pulumi.Config(PULUMI_PROJECT);
  const policy = parseStackPolicy(policyFromConfig(config), `the config of stack ${pulumi.getStack()}`);
  const baseUrl = new pulumi.Config("sentry").require("baseUrl");
  refuseStoredTokens();
  const { teams, adoption, today } = input ?? readTeamFolder(join(projectDir, "teams"), policy);
  return declareOrganization(buildDesiredOrganization(teams, policy, adoption, today), baseUrl);
}

/** The valid team files of a folder and its valid adoption file; otherwise every located error, and nothing declared. */
function readTeamFolder(dir: string, policy: StackPolicy): ProgramInput {
  const refuse = (message: string) => new pulumi.RunError(message);
  const teams = readValidTeams(dir, policy, "nothing was declared", refuse);
  const { adoption, diagnostics } = readAdoption(dir, teams, policy);
  if (diagnostics.length > 0)
    throw refuse(
      `${diagnostics.length} error(s) in the adoption file of ${dir}; nothing was declared:\n${formatDiagnostics(diagnostics, "text", 1)}`,
    );
  return { teams, adoption };
}

/**
 * Tokens come from the job's environment only, read by each provider in its plugin process, so that none
 * is in the state (organization.ts). Other ways of giving one stop the program:
 * - `SENTRY_TOKEN`: the Sentry SDK takes it as the provider's `token` input (organization.ts), and the
 *   bridge configures the provider with it in preference to `SENTRY_AUTH_TOKEN`, which our dynamic
 *   resources read (pulumi-terraform-bridge v3.95.0 pkg/tfbridge/schema.go:787 applies the `token`
 *   environment default before the Terraform provider's own DefaultFunc runs);
 * - `sentry:token` / `github:token` in the stack config: the explicit providers never read it.
 */
function refuseStoredTokens(): void {
  const refused = [
    ...(process.env[SDK_TOKEN_VARIABLES.sentry] !== undefined
      ? [`${SDK_TOKEN_VARIABLES.sentry} is set: unset it and give the Sentry token as SENTRY_AUTH_TOKEN`]
      : []),
    ...(["sentry", "github"] as const)
      .filter((provider) => new pulumi.Config(provider).getSecret("token") !== undefined)
      .map(
        (provider) => `${provider}:token is set in the stack config: remove it (pulumi config rm ${provider}:token)`,
      ),
  ];
  if (refused.length > 0)
    throw new pulumi.RunError(
      `${refused.join("; ")}. Tokens are read from the job's environment only (SENTRY_AUTH_TOKEN, GITHUB_TOKEN), so that none is stored in the state (docs/ops.md, Credentials); nothing was declared`,
    );
}
