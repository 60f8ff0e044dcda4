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
