// What the validator resolved while checking a valid file, carried with it so that the model does not
// derive it again: members' addresses and team roles, repositories with their integration, code
// mappings with the stack's defaults, alert rules' body keys and intervals, performance alerts' metric,
// thresholds and window, projects' teams.
import { durationMinutes, integrationForOwner, type GithubIntegration, type StackPolicy } from "../stack/policy";
import { alertBodyKey } from "./alert-body";
import { METRICS, metricsOf, thresholdValue, type PerformanceMetric } from "./performance";
import { memberAddress } from "./rules/member-duplicate";
import type { TeamFile, TeamFileMember, TeamFileNotify, TeamFilePerformanceNotify, TeamRole } from "./schema";

export interface ResolvedMember {
  /** The address Sentry knows the person by: `<handle>@<handle domain>`, or the explicit e-mail in lower case. */
  address: string;
  handle?: string;
  teamRole: TeamRole;
  /** The first day (Europe/Paris) the membership is no longer declared, when the file sets one. */
  until?: string;
}

export interface ResolvedRepository {
  /** `OWNER/NAME` with OWNER as the stack spells it (Sentry matches linked repositories by exact name). */
  identifier: string;
  integration: GithubIntegration;
}

export interface ResolvedAlert {
  name: string;
  /** Everything Sentry compares between two rules of a project, as one key (./alert-body.ts). */
  bodyKey: string;
  /** `every`, or the stack's default, in minutes (Sentry's `frequency`). */
  everyMinutes: number;
  /** Addresses of the `{member: ...}` recipients, in order. */
  memberAddresses: string[];
}

export interface ResolvedPerformanceAlert {
  name: string;
  metric: PerformanceMetric;
  /** The threshold in the metric's unit (./performance.ts): milliseconds, or percent. */
  threshold: number;
  /** The resolve threshold in the same unit, when the file sets one. */
  resolve?: number;
  windowMinutes: number;
  /** Addresses of the `{member: ...}` recipients, in order. */
  memberAddresses: string[];
}

export interface ResolvedProject {
  slug: string;
  /** The owning team first, then `sharedWith`. */
  teams: string[];
  repository?: ResolvedRepository;
  /** Present with `repository`: the file's code mapping with the stack's defaults. */
  codeMapping?: { branch: string; stackRoot: string; sourceRoot: string };
  alerts: ResolvedAlert[];
  performance: ResolvedPerformanceAlert[];
}

export interface ResolvedTeam {
  members: ResolvedMember[];
  projects: ResolvedProject[];
  /** The extra `repositories:` of the file. */
  repositories: ResolvedRepository[];
}

/** Resolves a file the validator accepted (every repository owner has an integration). */
export function resolveTeam(slug: string, team: TeamFile, policy: StackPolicy): ResolvedTeam {
  const repository = (fullName: string): ResolvedRepository => {
    const [owner, name] = fullName.split("/");
    const integration = integrationForOwner(policy, owner);
    if (!integration) throw new Error(`no GitHub integration for ${owner}: the validator refuses such files`);
    return { identifier: `${integration.owner}/${name}`, integration };
  };
  const address = (member: TeamFileMember) => memberAddress(member, policy.members.handleDomain)!;
  const memberAddresses = (notify: readonly (TeamFileNotify | TeamFilePerformanceNotify)[] = []) =>
    notify.flatMap((target) => (typeof target === "object" && "member" in target ? [address(target.member)] : []));
  return {
    members: (team.members ?? []).map((member) => {
      const handle = typeof member === "string" ? member : "handle" in member ? member.handle : undefined;
      const teamRole = typeof member === "string" ? "contributor" : (member.teamRole ?? "contributor");
      const until = typeof member === "string" ? undefined : member.until;
      return { address: address(member), ...(handle ? { handle } : {}), teamRole, ...(until ? { until } : {}) };
    }),
    projects: (team.projects ?? []).map((project) => ({
      slug: project.slug,
      teams: [slug, ...(project.sharedWith ?? [])],
      ...(project.repository
        ? {
            repository: repository(project.repository),
            codeMapping: {
              branch: project.codeMapping?.branch ?? policy.github.defaultBranch,
              stackRoot: project.codeMapping?.stackRoot ?? "",
              sourceRoot: project.codeMapping?.sourceRoot ?? "",
            },
          }
        : {}),
      alerts: (project.alerts ?? []).map((alert) => ({
        name: alert.name,
        bodyKey: alertBodyKey(alert, policy.defaults.alertEvery),
        everyMinutes: durationMinutes(alert.every ?? policy.defaults.alertEvery),
        memberAddresses: memberAddresses(alert.notify),
      })),
      performance: (project.performance ?? []).map((alert) => {
        const [metric] = metricsOf(alert);
        const { unit } = METRICS[metric];
        return {
          name: alert.name,
          metric,
          threshold: thresholdValue(alert[metric]!, unit)!,
          ...(alert.resolve !== undefined ? { resolve: thresholdValue(alert.resolve, unit)! } : {}),
          windowMinutes: durationMinutes(alert.per),
          memberAddresses: memberAddresses(alert.notify),
        };
      }),
    })),
    repositories: (team.repositories ?? []).map(repository),
  };
}
