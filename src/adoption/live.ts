// Reads a live Sentry organization through the API client, with as few requests as the API allows:
// org-wide lists for teams, projects, members, repositories and code mappings; one team-members list
// per team (it carries the team roles); one rule list per project.
import type { SentryClient } from "../sentry/client";

export interface LiveTeam {
  id: string;
  slug: string;
  name: string;
}
export interface LiveProject {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  teams: { id: string; slug: string }[];
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
export interface LiveRule {
  id: string;
  name: string;
  actionMatch: string;
  filterMatch: string;
  frequency: number;
  environment: string | null;
  conditions: Record<string, unknown>[];
  filters: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}
export interface LiveRepository {
  id: string;
  name: string;
  integrationId: string;
}
export interface LiveCodeMapping {
  id: string;
  projectId: string;
  repoId: string;
  integrationId: string;
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
  repositories: LiveRepository[];
  codeMappings: LiveCodeMapping[];
}

const org = (organization: string) => encodeURIComponent(organization);

export async function readLiveOrganization(client: SentryClient, organization: string): Promise<LiveOrganization> {
  const o = org(organization);
  const [teams, projects, members, repositories, codeMappings] = await Promise.all([
    client.list<LiveTeam>(`organizations/${o}/teams/`),
    client.list<LiveProject>(`organizations/${o}/projects/`),
    client.list<{
      id: string;
      email: string;
      orgRole?: string;
      role?: string;
      user: { id: string } | null;
      pending: boolean;
    }>(`organizations/${o}/members/`),
    client.list<LiveRepository>(`organizations/${o}/repos/?status=active`),
    client.list<LiveCodeMapping>(`organizations/${o}/code-mappings/`),
  ]);
  // The client bounds concurrency: these fan-outs queue behind its limit.
  const teamMembers = new Map(
    await Promise.all(
      teams.map(
        async (team) =>
          [
            team.slug,
            await client.list<LiveTeamMember>(`teams/${o}/${encodeURIComponent(team.slug)}/members/`),
          ] as const,
      ),
    ),
  );
  const rules = new Map(
    await Promise.all(
      projects.map(
        async (project) =>
          [
            project.slug,
            await client.list<LiveRule>(`projects/${o}/${encodeURIComponent(project.slug)}/rules/`),
          ] as const,
      ),
    ),
  );
  return {
    organization,
    teams: teams.map(({ id, slug, name }) => ({ id: String(id), slug, name })),
    projects: projects.map(({ id, slug, name, platform, teams: owners }) => ({
      id: String(id),
      slug,
      name,
      platform: platform ?? null,
      teams: owners.map((t) => ({ id: String(t.id), slug: t.slug })),
    })),
    members: members.map((m) => ({
      id: String(m.id),
      email: m.email,
      orgRole: m.orgRole ?? m.role ?? "member",
      userId: m.user ? String(m.user.id) : null,
      pending: m.pending,
    })),
    teamMembers,
    rules,
    repositories: repositories.map(({ id, name, integrationId }) => ({
      id: String(id),
      name,
      integrationId: String(integrationId),
    })),
    codeMappings: codeMappings.map(({ id, projectId, repoId, integrationId }) => ({
      id: String(id),
      projectId: String(projectId),
      repoId: String(repoId),
      integrationId: String(integrationId),
    })),
  };
}
