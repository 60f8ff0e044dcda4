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

export interface Credentials {
  /** Sentry user token; always passed as a Pulumi secret. Absent offline. */
  sentryToken?: pulumi.Input<string>;
  /** Classic PAT of a GitHub organisation owner; always passed as a Pulumi secret. */
  githubToken?: pulumi.Input<string>;
}

export interface OrganizationOutputs {
  /** Public DSN of each project, by project slug. */
  dsns: pulumi.Output<Record<string, string>>;
}

export function declareOrganization(
  model: DesiredOrganization,
  baseUrl: string,
  credentials: Credentials,
): OrganizationOutputs {
  const sentryProvider = new sentry.Provider(NAMES.sentryProvider, {
    baseUrl,
    ...(credentials.sentryToken ? { token: pulumi.secret(credentials.sentryToken) } : {}),
  });
  const context: SentryContext = { organization: model.organization, baseUrl, sentryProvider };

  const githubProviders = new Map<string, pulumi.ProviderResource>();
  for (const owner of new Set(model.repositories.map((r) => r.owner))) {
    githubProviders.set(
      owner,
      new github.Provider(NAMES.githubProvider(owner), {
        owner,
        ...(credentials.githubToken ? { token: pulumi.secret(credentials.githubToken) } : {}),
      }),
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
