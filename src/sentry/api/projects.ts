// Projects, their teams and their server-side scrubbing settings.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, getChecked, listChecked, postChecked, putChecked } from "./common";

const TeamRef = Type.Object({ id: SentryId, slug: Type.String(), name: Type.String() });

/** What every project serializer of Sentry carries (creation answers this). */
export const Project = Type.Object({
  id: SentryId,
  slug: Type.String(),
  name: Type.String(),
  platform: Nullable(Type.String()),
  dateCreated: Type.String(),
});
export type Project = Static<typeof Project>;

/**
 * An item of the organization's project list. `features`: the project features on for it, without their
 * `projects:` prefix (`rate-limits`) (getsentry/sentry src/sentry/api/serializers/models/project.py, stored
 * version 1216993452, `get_features_for_projects`).
 */
export const ProjectSummary = Type.Composite([
  Project,
  Type.Object({ teams: Type.Array(TeamRef), features: Type.Array(Type.String()) }),
]);
export type ProjectSummary = Static<typeof ProjectSummary>;

/** `GET|PUT /projects/{org}/{project}/`. */
export const ProjectDetail = Type.Composite([
  ProjectSummary,
  Type.Object({
    organization: Type.Object({ id: SentryId, slug: Type.String() }),
    dataScrubber: Type.Boolean(),
    dataScrubberDefaults: Type.Boolean(),
    scrubIPAddresses: Type.Boolean(),
    sensitiveFields: Type.Array(Type.String()),
    safeFields: Type.Array(Type.String()),
    digestsMinDelay: Type.Integer(),
    digestsMaxDelay: Type.Integer(),
    resolveAge: Type.Integer(),
  }),
]);
export type ProjectDetail = Static<typeof ProjectDetail>;

export interface ProjectUpdate {
  name?: string;
  slug?: string;
  platform?: string;
  dataScrubber?: boolean;
  dataScrubberDefaults?: boolean;
  scrubIPAddresses?: boolean;
  sensitiveFields?: string[];
  safeFields?: string[];
}

const projectPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/`;

export const listProjects = (client: SentryClient, org: string) =>
  listChecked(client, `organizations/${segment(org)}/projects/`, ProjectSummary);

export const getProject = (client: SentryClient, org: string, project: string) =>
  getChecked(client, projectPath(org, project), ProjectDetail);

export const createProject = (
  client: SentryClient,
  org: string,
  team: string,
  body: { name: string; slug?: string; platform?: string; default_rules?: boolean },
) => postChecked(client, `teams/${segment(org)}/${segment(team)}/projects/`, body, Project);

export const updateProject = (client: SentryClient, org: string, project: string, body: ProjectUpdate) =>
  putChecked(client, projectPath(org, project), body, ProjectDetail);

export const deleteProject = (client: SentryClient, org: string, project: string) =>
  client.delete(projectPath(org, project));

export const addProjectTeam = (client: SentryClient, org: string, project: string, team: string) =>
  postChecked(client, `${projectPath(org, project)}teams/${segment(team)}/`, undefined, Project);

export const removeProjectTeam = (client: SentryClient, org: string, project: string, team: string) =>
  client.delete(`${projectPath(org, project)}teams/${segment(team)}/`);

/**
 * Per-day counts `[epoch seconds, events]`: getsentry/sentry src/sentry/api/serializers/models/project.py
 * ProjectSerializer.get_stats (a discover timeseries per project id, one bucket a day for 30d), as read
 * through the code index; `stats` and `transactionStats` are in the list's schema of
 * ../shared/reference/sentry-openapi.json.
 */
const DailyCounts = Type.Array(Type.Tuple([Type.Number(), Type.Number()]));

/** An item of the project list asked with `statsPeriod` and `transactionStats`. */
export const ProjectWithStats = Type.Composite([
  ProjectSummary,
  Type.Object({
    firstEvent: Nullable(Type.String()),
    /** Non-transaction events (`!event.type:transaction`). */
    stats: Type.Optional(DailyCounts),
    /** Transactions (`event.type:transaction`). */
    transactionStats: Type.Optional(DailyCounts),
  }),
]);
export type ProjectWithStats = Static<typeof ProjectWithStats>;

/**
 * The project list with per-day event counts (getsentry/sentry src/sentry/core/endpoints/organization_projects.py@57915b5:
 * `statsPeriod` one of 1h, 24h, 7d, 14d, 30d, 90d; `transactionStats` adds the transactions), in the
 * same pages as the plain list.
 */
export const listProjectsWithStats = (client: SentryClient, org: string, statsPeriod: "14d" | "30d") =>
  listChecked(
    client,
    `organizations/${segment(org)}/projects/?${new URLSearchParams({ statsPeriod, transactionStats: "1" })}`,
    ProjectWithStats,
  );
