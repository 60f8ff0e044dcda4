// The desired model -> Pulumi declarations. Thin: every decision was taken in src/model.
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredOrganization } from "../model/organization";
import type { SentryContext } from "./context";
import { RepositoryLinks } from "./github-links";
import { OrganizationMembers } from "./members";
import { NAMES } from "./names";
import { ProjectComponent } from "./project";
import { TeamComponent } from "./team";

/**
 * No token reaches the Pulumi state: the providers are given none and read theirs, in their own plugin
 * process, from the job's environment (docs/ops.md, Credentials): terraform-provider-sentry v0.11.2
 * `SENTRY_AUTH_TOKEN` (provider.go:21-26), terraform-provider-github `GITHUB_TOKEN` (github/provider.go@000d0bb1:21-26). But each provider's
 * SDK constructor, running here in the program, also falls back to one variable for `token`, which then
 * becomes an input of the provider resource, kept in the state (pulumi/pulumi-terraform-bridge#239):
 * `@pulumiverse/sentry` 0.0.9 `SENTRY_TOKEN` (provider.js:37, from the `token` default of
 * pulumiverse/pulumi-sentry provider/resources.go@2d151d23), `@pulumi/github` 6.15.0 `GITHUB_TOKEN`
 * (provider.js:74). Both are hidden from the constructors; the program also refuses the first (program.ts).
 */
export const SDK_TOKEN_VARIABLES = { sentry: "SENTRY_TOKEN", github: "GITHUB_TOKEN" } as const;

/** `construct()` with `variable` absent from this process's environment, restored afterwards. */
function withoutVariable<T>(variable: string, construct: () => T): T {
  const saved = process.env[variable];
  delete process.env[variable];
  try {
    return construct();
  } finally {
    if (saved !== undefined) process.env[variable] = saved;
  }
}

export interface OrganizationOutputs {
  /** Public DSN of each project, by project slug. */
  dsns: pulumi.Output<Record<string, string>>;
}

export function declareOrganization(model: DesiredOrganization, baseUrl: string): OrganizationOutputs {
  const sentryProvider = withoutVariable(
    SDK_TOKEN_VARIABLES.sentry,
    () => new sentry.Provider(NAMES.sentryProvider, { baseUrl }),
  );
  const context: SentryContext = { organization: model.organization, baseUrl, sentryProvider };

  const githubProviders = new Map<string, pulumi.ProviderResource>();
  for (const owner of new Set(model.repositories.map((r) => r.owner))) {
    githubProviders.set(
      owner,
      withoutVariable(SDK_TOKEN_VARIABLES.github, () => new github.Provider(NAMES.githubProvider(owner), { owner })),
    );
  }

  const teamComponents = new Map(
    model.teams.map((team) => [team.slug, new TeamComponent(NAMES.team(team.slug), { context, team })]),
  );
  const teams = new Map([...teamComponents].map(([slug, component]) => [slug, component.team]));

  const notifiedEmails = new Set(
    model.projects.flatMap((p) =>
      [...p.alertRules.flatMap((r) => r.actions), ...p.performanceAlerts.flatMap((a) => a.targets)].flatMap((a) =>
        a.kind === "member" ? [a.email] : [],
      ),
    ),
  );
  const members = new OrganizationMembers(NAMES.members, { context, members: model.members, teams, notifiedEmails });
  const links = new RepositoryLinks(NAMES.repositoryLinks, {
    context,
    repositories: model.repositories,
    githubProviders,
  });

  const dsns: Record<string, pulumi.Output<string>> = {};
  for (const project of model.projects) {
    const component = new ProjectComponent(
      NAMES.project(project.slug),
      {
        context,
        project,
        team: teams.get(project.teamSlug)!,
        organization: model,
        ids: {
          teamId: (slug) => teams.get(slug)!.internalId,
          teamSlug: (slug) => teams.get(slug)!.slug,
          userId: (email) => members.userIds.get(email)!,
        },
        repositories: links.byIdentifier,
      },
      // Parent types, not names, are part of a URN: a project moving to another team file keeps its URN.
      { parent: teamComponents.get(project.teamSlug) },
    );
    dsns[project.slug] = component.dsnPublic;
  }
  return { dsns: pulumi.output(dsns) };
}
