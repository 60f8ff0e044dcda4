// Reads a live Sentry organization through the typed endpoints, with as few requests as the API
// allows: org-wide lists for teams, projects, members, repositories and GitHub integrations; code
// mappings per integration (without `integrationId` Sentry lists only the mappings of projects the
// token's user is a member of: getsentry/sentry
// src/sentry/integrations/api/endpoints/organization_code_mappings.py@1d0e709c, `get`); one
// team-members list per team (it carries the team roles); per project its rules, its detail (the
// scrubbing settings the project list does not carry) and its keys (their rate limits); the metric
// alerts of every project in one organization-wide list.
import { listCodeMappings, listIntegrations, listRepositories } from "../sentry/api/integrations";
import { listKeys, type KeyRateLimit } from "../sentry/api/keys";
import { listMembers } from "../sentry/api/members";
import { listOrganizationMetricAlerts, type MetricAlert } from "../sentry/api/metric-alerts";
import { getProject, listProjects } from "../sentry/api/projects";
import { listRules, type IssueAlertRule } from "../sentry/api/rules";
import { listTeamMembers, listTeams } from "../sentry/api/teams";
import type { SentryClient } from "../sentry/client";

export interface LiveTeam {
  id: string;
  slug: string;
  name: string;
}
export interface LivePrivacy {
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  scrubIPAddresses: boolean;
  sensitiveFields: string[];
  safeFields: string[];
}
export interface LiveProject {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  teams: { id: string; slug: string }[];
  privacy: LivePrivacy;
  /** Rate limit of the key the program adopts (Sentry's "Default", else the oldest active); null: unlimited. */
  keyRateLimit: KeyRateLimit | null;
}
export interface LiveMember {
  id: string;
  email: string;
  orgRole: string;
  userId: string | null;
  pending: boolean;
}
export interface LiveTeamMember {
  id: string;
  teamRole: string | null;
}
export type LiveRule = Pick<
  IssueAlertRule,
  "id" | "name" | "actionMatch" | "filterMatch" | "frequency" | "conditions" | "filters" | "actions"
> & { environment: string | null };
export type LiveMetricAlert = Pick<
  MetricAlert,
  "id" | "name" | "dataset" | "query" | "aggregate" | "timeWindow" | "thresholdType" | "triggers" | "projects"
> & { environment: string | null; resolveThreshold: number | null };
export interface LiveRepository {
  id: string;
  name: string;
  integrationId: string | null;
}
export interface LiveCodeMapping {
  id: string;
  projectId: string;
  repoId: string;
  integrationId: string | null;
  stackRoot: string;
  sourceRoot: string;
  defaultBranch: string | null;
}

export interface LiveOrganization {
  organization: string;
  teams: LiveTeam[];
  projects: LiveProject[];
  members: LiveMember[];
  /** Team slug -> its members with their team role. */
  teamMembers: Map<string, LiveTeamMember[]>;
  /** Project slug -> its issue alert rules. */
  rules: Map<string, LiveRule[]>;
  /** Every metric alert of the organization (each names its projects). */
  metricAlerts: LiveMetricAlert[];
  repositories: LiveRepository[];
  codeMappings: LiveCodeMapping[];
}

export async function readLiveOrganization(client: SentryClient, organization: string): Promise<LiveOrganization> {
  const [teams, projects, members, repositories, integrations, metricAlerts] = await Promise.all([
    listTeams(client, organization),
    listProjects(client, organization),
    listMembers(client, organization),
    listRepositories(client, organization),
    listIntegrations(client, organization, "github"),
    listOrganizationMetricAlerts(client, organization),
  ]);
  // The client bounds concurrency: these fan-outs queue behind its limit.
  const [codeMappings, teamMembers, perProject] = await Promise.all([
    Promise.all(integrations.map((i) => listCodeMappings(client, organization, i.id))),
    Promise.all(
      teams.map(async (team) => [team.slug, await listTeamMembers(client, organization, team.slug)] as const),
    ),
    Promise.all(
      projects.map(async (project) => {
        const [rules, detail, keys] = await Promise.all([
          listRules(client, organization, project.slug),
          getProject(client, organization, project.slug),
          listKeys(client, organization, project.slug),
        ]);
        const byAge = [...keys].sort((a, b) => a.dateCreated.localeCompare(b.dateCreated));
        const key = byAge.find((k) => k.name === "Default" && k.isActive) ?? byAge.find((k) => k.isActive);
        return { rules, detail, keyRateLimit: key?.rateLimit ?? null };
      }),
    ),
  ]);
  return {
    organization,
    teams: teams.map(({ id, slug, name }) => ({ id, slug, name })),
    projects: projects.map(({ id, slug, name, platform, teams: owners }, index) => {
      const { detail, keyRateLimit } = perProject[index];
      return {
        id,
        slug,
        name,
        platform,
        teams: owners.map((t) => ({ id: t.id, slug: t.slug })),
        privacy: {
          dataScrubber: detail.dataScrubber,
          dataScrubberDefaults: detail.dataScrubberDefaults,
          scrubIPAddresses: detail.scrubIPAddresses,
          sensitiveFields: detail.sensitiveFields,
          safeFields: detail.safeFields,
        },
        keyRateLimit,
      };
    }),
    members: members.map((m) => ({
      id: m.id,
      email: m.email,
      orgRole: m.orgRole,
      userId: m.user ? m.user.id : null,
      pending: m.pending,
    })),
    teamMembers: new Map(
      teamMembers.map(([slug, list]) => [slug, list.map((m) => ({ id: m.id, teamRole: m.teamRole }))]),
    ),
    rules: new Map(
      projects.map((project, index) => [
        project.slug,
        perProject[index].rules.map((rule) => ({ ...rule, environment: rule.environment ?? null })),
      ]),
    ),
    metricAlerts: metricAlerts.map((alert) => ({
      id: alert.id,
      name: alert.name,
      dataset: alert.dataset,
      query: alert.query,
      aggregate: alert.aggregate,
      timeWindow: alert.timeWindow,
      thresholdType: alert.thresholdType,
      triggers: alert.triggers,
      projects: alert.projects,
      environment: alert.environment ?? null,
      resolveThreshold: alert.resolveThreshold ?? null,
    })),
    repositories: repositories.map(({ id, name, integrationId }) => ({ id, name, integrationId })),
    codeMappings: codeMappings.flat().map((m) => ({
      id: m.id,
      projectId: m.projectId,
      repoId: m.repoId,
      integrationId: m.integrationId,
      stackRoot: m.stackRoot,
      sourceRoot: m.sourceRoot,
      defaultBranch: m.defaultBranch,
    })),
  };
}
