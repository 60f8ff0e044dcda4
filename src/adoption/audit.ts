// The audit: what lives in Sentry that no team file declares, what the files declare that Sentry does
// not have, and members who are in no team.
import type { DesiredOrganization } from "../model/organization";
import type { LiveOrganization } from "./live";

export interface AuditReport {
  organization: string;
  undeclared: { teams: string[]; projects: string[]; members: string[]; repositories: string[] };
  missing: { teams: string[]; projects: string[]; members: string[]; repositories: string[] };
  membersInNoTeam: string[];
}

const difference = (a: Iterable<string>, b: Set<string>) => [...new Set(a)].filter((x) => !b.has(x)).sort();

export function auditOrganization(live: LiveOrganization, model: DesiredOrganization): AuditReport {
  const liveTeams = new Set(live.teams.map((t) => t.slug));
  const liveProjects = new Set(live.projects.map((p) => p.slug));
  const liveMembers = new Set(live.members.map((m) => m.email.toLowerCase()));
  const liveRepositories = new Set(live.repositories.map((r) => r.name.toLowerCase()));
  const inTeams = new Set([...live.teamMembers.values()].flat().map((m) => String(m.id)));
  return {
    organization: live.organization,
    undeclared: {
      teams: difference(liveTeams, new Set(model.teams.map((t) => t.slug))),
      projects: difference(liveProjects, new Set(model.projects.map((p) => p.slug))),
      members: difference(liveMembers, new Set(model.members.map((m) => m.email))),
      repositories: difference(liveRepositories, new Set(model.repositories.map((r) => r.identifier.toLowerCase()))),
    },
    missing: {
      teams: difference(
        model.teams.map((t) => t.slug),
        liveTeams,
      ),
      projects: difference(
        model.projects.map((p) => p.slug),
        liveProjects,
      ),
      members: difference(
        model.members.map((m) => m.email),
        liveMembers,
      ),
      repositories: difference(
        model.repositories.map((r) => r.identifier.toLowerCase()),
        liveRepositories,
      ),
    },
    membersInNoTeam: live.members
      .filter((m) => !inTeams.has(m.id))
      .map((m) => m.email.toLowerCase())
      .sort(),
  };
}

export function auditIsClean(report: AuditReport): boolean {
  return [...Object.values(report.undeclared), ...Object.values(report.missing), report.membersInNoTeam].every(
    (list) => list.length === 0,
  );
}

export function auditText(report: AuditReport): string {
  const section = (title: string, lists: Record<string, string[]>) =>
    Object.entries(lists)
      .filter(([, items]) => items.length > 0)
      .map(([kind, items]) => `${title} ${kind} (${items.length}):\n${items.map((i) => `  - ${i}`).join("\n")}`);
  const parts = [
    ...section("In Sentry, declared by no team file:", report.undeclared),
    ...section("Declared in team files, missing from Sentry:", report.missing),
    ...(report.membersInNoTeam.length > 0
      ? [
          `Members in no team (${report.membersInNoTeam.length}):\n${report.membersInNoTeam.map((m) => `  - ${m}`).join("\n")}`,
        ]
      : []),
  ];
  return parts.length === 0
    ? `Audit of "${report.organization}": Sentry and the team files agree.`
    : `Audit of "${report.organization}":\n\n${parts.join("\n\n")}`;
}
