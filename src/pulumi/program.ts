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
import { declareOrganization, type Credentials, type OrganizationOutputs } from "./organization";

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
  const { teams, adoption, today } = input ?? readTeamFolder(join(projectDir, "teams"), policy);
  return declareOrganization(buildDesiredOrganization(teams, policy, adoption, today), baseUrl, credentials());
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
 * Tokens: the stack's secret config (`sentry:token`, `github:token`) when ops set it, else the
 * environment of the job (SENTRY_AUTH_TOKEN or SENTRY_TOKEN, GITHUB_TOKEN). The dynamic resources
 * read the environment at run time in any case (see docs/ops.md, Credentials).
 */
function credentials(): Credentials {
  const env = process.env;
  return {
    sentryToken: new pulumi.Config("sentry").getSecret("token") ?? env.SENTRY_AUTH_TOKEN ?? env.SENTRY_TOKEN,
    githubToken: new pulumi.Config("github").getSecret("token") ?? env.GITHUB_TOKEN,
  };
}
