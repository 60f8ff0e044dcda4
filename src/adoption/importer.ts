// A live organization -> one team file per team, the adoption file (Pulumi import IDs of what already
// exists), and a report of everything that cannot be expressed in team files (never dropped silently).
import { DEFAULT_RULE_NAME, SENTRY_RULE_IDS } from "../model/alert-rules";
import { durationMinutes, integrationForOwner, type StackPolicy } from "../stack/policy";
import {
  FREQUENCY_INTERVALS,
  HANDLE_PATTERN,
  PROJECT_SLUG_PATTERN,
  TEAM_SLUG_PATTERN,
  type TeamFile,
  type TeamFileAlert,
  type TeamFileMember,
  type TeamFileNotify,
  type TeamFileProject,
  type TeamFileWhen,
} from "../team-file/schema";
import { SENTRY_PLATFORMS } from "../team-file/platforms";
import type { Adoption } from "./adoption";
import type { LiveOrganization, LiveProject, LiveRule } from "./live";

export interface ImportResult {
  /** Team slug -> team file content. */
  files: Map<string, TeamFile>;
  adoption: Adoption;
  /** What could not be expressed, one instruction per line. */
  report: string[];
}

const PLATFORMS = new Set(SENTRY_PLATFORMS);

/** `every` for a frequency in minutes, in the largest unit that divides it. */
export function everyOf(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

interface RuleContext {
  teamId: string;
  /** Sentry user id -> handle of a member of this team. */
  handleOfUser: Map<string, string>;
}

/** The friendly form of a Sentry rule, or why there is none. */
export function friendlyAlert(rule: LiveRule, context: RuleContext): { alert: TeamFileAlert } | { reason: string } {
  if (rule.filters.length > 0) return { reason: "it has filters" };
  if (rule.actionMatch !== "any" && rule.conditions.length > 1)
    return { reason: `it fires only when all its conditions match (actionMatch ${rule.actionMatch})` };
  if (rule.name.length > 64) return { reason: "its name is longer than 64 characters" };
  const when: TeamFileWhen[] = [];
  for (const condition of rule.conditions) {
    const id = condition.id;
    if (id === SENTRY_RULE_IDS.firstSeen) when.push("new-issue");
    else if (id === SENTRY_RULE_IDS.regression) when.push("regression");
    else if (id === SENTRY_RULE_IDS.reappeared) when.push("reappeared");
    else if (id === SENTRY_RULE_IDS.eventFrequency || id === SENTRY_RULE_IDS.uniqueUserFrequency) {
      const value = Number(condition.value);
      const interval = String(condition.interval);
      if (
        (condition.comparisonType ?? "count") !== "count" ||
        !Number.isInteger(value) ||
        value < 1 ||
        !(FREQUENCY_INTERVALS as readonly string[]).includes(interval)
      ) {
        return { reason: `its condition ${String(id)} uses a comparison or interval team files do not have` };
      }
      when.push(
        id === SENTRY_RULE_IDS.eventFrequency
          ? { events: value, per: interval as (typeof FREQUENCY_INTERVALS)[number] }
          : { users: value, per: interval as (typeof FREQUENCY_INTERVALS)[number] },
      );
    } else return { reason: `its condition ${String(id)} has no team-file form` };
  }
  if (when.length === 0) return { reason: "it has no condition" };
  const notify: TeamFileNotify[] = [];
  for (const action of rule.actions) {
    if (
      action.id === SENTRY_RULE_IDS.notifyEmail &&
      action.targetType === "Team" &&
      String(action.targetIdentifier) === context.teamId
    )
      notify.push("team");
    else if (action.id === SENTRY_RULE_IDS.notifyEmail && action.targetType === "IssueOwners")
      notify.push("issue-owners");
    else if (
      action.id === SENTRY_RULE_IDS.notifyEmail &&
      action.targetType === "Member" &&
      context.handleOfUser.has(String(action.targetIdentifier))
    ) {
      notify.push({ member: context.handleOfUser.get(String(action.targetIdentifier))! });
    } else
      return {
        reason: `its action ${String(action.id)} (${String(action.targetType ?? action.service ?? "")}) has no team-file form`,
      };
  }
  if (rule.frequency < 5 || rule.frequency > 43200)
    return { reason: `its frequency ${rule.frequency} is outside 5m..30d` };
  return {
    alert: {
      name: rule.name,
      when,
      ...(rule.environment ? { environment: rule.environment } : {}),
      notify,
      every: everyOf(rule.frequency),
    },
  };
}

function isManagedDefault(alert: TeamFileAlert, policy: StackPolicy): boolean {
  return (
    alert.name === DEFAULT_RULE_NAME &&
    JSON.stringify(alert.when) === JSON.stringify(["new-issue", "regression"]) &&
    JSON.stringify(alert.notify) === JSON.stringify(["team"]) &&
    alert.environment === undefined &&
    durationMinutes(alert.every!) === durationMinutes(policy.defaults.alertEvery)
  );
}

export function importOrganization(live: LiveOrganization, policy: StackPolicy): ImportResult {
  const report: string[] = [];
  const org = live.organization;
  const adoption: Adoption = {
    organization: org,
    teams: {},
    projects: {},
    members: {},
    alertRules: {},
    repositories: {},
    installationRepositories: {},
    codeMappings: {},
  };
  const handleDomain = `@${policy.members.handleDomain}`.toLowerCase();
  const allowedDomains = new Set(policy.members.allowedEmailDomains.map((d) => d.toLowerCase()));
  const memberById = new Map(live.members.map((m) => [m.id, m]));
  const handleOf = (email: string) => {
    const lower = email.toLowerCase();
    const local = lower.slice(0, -handleDomain.length);
    return lower.endsWith(handleDomain) && new RegExp(HANDLE_PATTERN).test(local) ? local : undefined;
  };

  // Owning team of each project: its first team; other teams are reported.
  const projectsByTeam = new Map<string, LiveProject[]>();
  for (const project of live.projects) {
    const [owner, ...others] = project.teams;
    if (!owner) {
      report.push(
        `project "${project.slug}" belongs to no team: add it to a team file by hand, or remove it in Sentry`,
      );
      continue;
    }
    if (others.length > 0)
      report.push(
        `project "${project.slug}" also belongs to ${others.map((t) => `"${t.slug}"`).join(", ")}: team files give a project one team, it is kept in "${owner.slug}" only`,
      );
    projectsByTeam.set(owner.slug, [...(projectsByTeam.get(owner.slug) ?? []), project]);
  }

  const repositoryById = new Map(live.repositories.map((r) => [r.id, r]));
  const mappingsByProject = new Map<string, typeof live.codeMappings>();
  for (const mapping of live.codeMappings)
    mappingsByProject.set(mapping.projectId, [...(mappingsByProject.get(mapping.projectId) ?? []), mapping]);
  const linkedRepositories = new Set<string>();

  const files = new Map<string, TeamFile>();
  const membersInTeams = new Set<string>();
  for (const team of [...live.teams].sort((a, b) => a.slug.localeCompare(b.slug))) {
    if (!new RegExp(TEAM_SLUG_PATTERN).test(team.slug)) {
      report.push(`team "${team.slug}" has a slug team files cannot have: rename it in Sentry, then import again`);
      continue;
    }
    adoption.teams[team.slug] = `${org}/${team.slug}`;

    const members: TeamFileMember[] = [];
    const handleOfUser = new Map<string, string>();
    for (const { id, teamRole } of live.teamMembers.get(team.slug) ?? []) {
      const member = memberById.get(String(id));
      if (!member) continue;
      membersInTeams.add(member.id);
      const handle = handleOf(member.email);
      const domain = member.email.toLowerCase().split("@")[1];
      if (!handle && !allowedDomains.has(domain)) {
        report.push(
          `member ${member.email} of team "${team.slug}" has an e-mail domain the stack does not allow: left out of the file (allow the domain, or keep managing this member by hand)`,
        );
        continue;
      }
      if (member.orgRole !== "member")
        report.push(
          `member ${member.email} has the org role "${member.orgRole}", which team files cannot grant: it is imported as "member" (the org role itself stays unmanaged)`,
        );
      const role = teamRole === "admin" ? "admin" : undefined;
      members.push(
        handle
          ? role
            ? { handle, teamRole: role }
            : handle
          : { email: member.email.toLowerCase(), ...(role ? { teamRole: role } : {}) },
      );
      adoption.members[member.email.toLowerCase()] = `${org}/${member.id}`;
      if (handle && member.userId) handleOfUser.set(member.userId, handle);
    }

    const projects: TeamFileProject[] = [];
    for (const project of projectsByTeam.get(team.slug) ?? []) {
      if (!new RegExp(PROJECT_SLUG_PATTERN).test(project.slug)) {
        report.push(
          `project "${project.slug}" has a slug team files cannot have (at most 50 characters): rename it in Sentry, then import again`,
        );
        continue;
      }
      adoption.projects[project.slug] = `${org}/${project.slug}`;
      const entry: TeamFileProject = { slug: project.slug };
      if (project.name !== project.slug) entry.name = project.name.slice(0, 50);
      if (project.platform && PLATFORMS.has(project.platform)) entry.platform = project.platform;
      else if (project.platform)
        report.push(
          `project "${project.slug}" has the platform "${project.platform}", unknown to team files: left out`,
        );

      const [mapping, ...extraMappings] = mappingsByProject.get(project.id) ?? [];
      const repository = mapping ? repositoryById.get(mapping.repoId) : undefined;
      if (repository && integrationForOwner(policy, repository.name.split("/")[0])) {
        entry.repository = repository.name;
        linkedRepositories.add(repository.id);
        adoption.codeMappings[project.slug] = `${org}/${mapping.id}`;
      }
      for (const extra of extraMappings)
        report.push(
          `project "${project.slug}" has more than one code mapping: only the first is imported (mapping ${extra.id} stays unmanaged)`,
        );

      const alerts: TeamFileAlert[] = [];
      for (const rule of live.rules.get(project.slug) ?? []) {
        const result = friendlyAlert(rule, { teamId: team.id, handleOfUser });
        if ("reason" in result) {
          report.push(
            `alert rule "${rule.name}" (id ${rule.id}) of project "${project.slug}" is not imported because ${result.reason}: it stays in Sentry, unmanaged`,
          );
          continue;
        }
        if (alerts.some((a) => a.name === result.alert.name)) {
          report.push(
            `alert rule "${rule.name}" (id ${rule.id}) of project "${project.slug}" repeats a rule name: it stays in Sentry, unmanaged`,
          );
          continue;
        }
        alerts.push(result.alert);
        adoption.alertRules[`${project.slug}/${rule.name}`] = `${org}/${project.slug}/${rule.id}`;
      }
      // One rule equal to the managed default: the file leaves `alerts` out, which declares exactly it.
      if (!(alerts.length === 1 && isManagedDefault(alerts[0], policy))) entry.alerts = alerts;
      projects.push(entry);
    }

    files.set(team.slug, {
      name: team.name.slice(0, 64),
      ...(members.length > 0 ? { members } : {}),
      ...(projects.length > 0 ? { projects } : {}),
    });
  }

  // Repositories: every active one of a configured owner is adopted; those no project maps go to the
  // file of... nobody: they are reported so that a team claims them.
  for (const repository of live.repositories) {
    const owner = repository.name.split("/")[0];
    const integration = integrationForOwner(policy, owner);
    if (!integration) {
      report.push(
        `repository ${repository.name} belongs to GitHub owner "${owner}", which has no integration in this stack: stays unmanaged`,
      );
      continue;
    }
    adoption.repositories[repository.name.toLowerCase()] = `${org}/${repository.name}`;
    adoption.installationRepositories[repository.name.toLowerCase()] =
      `${integration.installationId}:${repository.name.split("/")[1]}`;
    if (!linkedRepositories.has(repository.id)) {
      report.push(
        `repository ${repository.name} is linked in Sentry but no project maps it: add it under \`repositories:\` of the team that owns it`,
      );
    }
  }
  for (const member of live.members) {
    if (!membersInTeams.has(member.id))
      report.push(
        `member ${member.email} is in no team: no file declares them (add them to a team file, or remove them in Sentry)`,
      );
  }
  return { files, adoption, report };
}
