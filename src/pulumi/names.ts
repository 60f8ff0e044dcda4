// Logical names and type tokens of everything the program declares, in one place: the components
// use them, and so does the URN computation of targeted previews (src/delivery/targets.ts).
// Names are stable keys from the files (slugs, e-mails, repository names), unique per type.
import type { DesiredRepository } from "../model/organization";

export const COMPONENT_PACKAGE = "sentry-incubateur";

/** Type token of one of our dynamic resources (its package `pulumi-nodejs` selects the dynamic provider host). */
export const dynamicType = (kind: string) => `pulumi-nodejs:dynamic/${COMPONENT_PACKAGE}:${kind}`;

export const TYPES = {
  teamComponent: `${COMPONENT_PACKAGE}:index:Team`,
  projectComponent: `${COMPONENT_PACKAGE}:index:Project`,
  membersComponent: `${COMPONENT_PACKAGE}:index:Members`,
  repositoryLinksComponent: `${COMPONENT_PACKAGE}:index:RepositoryLinks`,
  team: "sentry:index/sentryTeam:SentryTeam",
  project: "sentry:index/sentryProject:SentryProject",
  issueAlert: "sentry:index/sentryIssueAlert:SentryIssueAlert",
  metricAlert: "sentry:index/sentryMetricAlert:SentryMetricAlert",
  plugin: "sentry:index/sentryPlugin:SentryPlugin",
  member: "sentry:index/sentryOrganizationMember:SentryOrganizationMember",
  repositoryLink: "sentry:index/sentryOrganizationRepositoryGithub:SentryOrganizationRepositoryGithub",
  installationRepository: "github:index/appInstallationRepository:AppInstallationRepository",
  projectDefaults: dynamicType("ProjectDefaults"),
  projectGuardrails: dynamicType("ProjectGuardrails"),
  memberUser: dynamicType("MemberUser"),
  teamDefaults: dynamicType("TeamDefaults"),
  memberTeamRoles: dynamicType("MemberTeamRoles"),
  codeMapping: dynamicType("CodeMapping"),
  sentryProvider: "pulumi:providers:sentry",
  githubProvider: "pulumi:providers:github",
} as const;

export const NAMES = {
  sentryProvider: "sentry",
  githubProvider: (owner: string) => `github-${owner.toLowerCase()}`,
  team: (teamSlug: string) => teamSlug,
  teamDefaults: (teamSlug: string) => `${teamSlug}/sentry-defaults`,
  project: (projectSlug: string) => projectSlug,
  projectDefaults: (projectSlug: string) => `${projectSlug}/sentry-defaults`,
  projectGuardrails: (projectSlug: string) => `${projectSlug}/guardrails`,
  // By body, not by name: a renamed rule is the same resource (updated in place), and a rule whose
  // body changes is a new one, which Sentry does not refuse as a duplicate of the old (see
  // src/team-file/alert-body.ts).
  alert: (projectSlug: string, bodyKey: string) => `${projectSlug}/alert/${bodyKey}`,
  // By a key of the name: names are unique per project (the validator) and may hold any character.
  performanceAlert: (projectSlug: string, nameKey: string) => `${projectSlug}/performance/${nameKey}`,
  webhooks: (projectSlug: string) => `${projectSlug}/webhooks`,
  codeMapping: (projectSlug: string) => `${projectSlug}/code-mapping`,
  members: "members",
  member: (email: string) => email,
  memberUser: (email: string) => `${email}/user`,
  memberTeamRoles: (email: string) => `${email}/team-roles`,
  repositoryLinks: "repositories",
  // GitHub names are case-insensitive: one name per repository however the files spell it.
  installationRepository: (repository: DesiredRepository) =>
    `${repository.installationId}/${repository.identifier.toLowerCase()}`,
  repositoryLink: (repository: DesiredRepository) => repository.identifier.toLowerCase(),
} as const;
