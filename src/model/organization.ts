// Validated team files -> one normalized, pure desired model of the Sentry organization and its GitHub
// links. Everything downstream (Pulumi declarations, the offline plan, the importer, the audit) reads
// this model; it has no Pulumi import.
import { hasKeyRateLimitOverride, keyRateLimitOf, type StackPolicy } from "../stack/policy";
import { accessEnded, parisDate } from "../team-file/expiry";
import type { ResolvedRepository } from "../team-file/resolve";
import type { TeamFileProject, TeamRole } from "../team-file/schema";
import type { ValidatedTeam } from "../team-file/validate";
import {
  desiredAlertRules,
  desiredPerformanceAlerts,
  type DesiredAlertRule,
  type DesiredPerformanceAlert,
  type MetricAlertTarget,
  type RuleAction,
} from "./alert-rules";

/** What already exists in Sentry and is adopted rather than created (the validated adoption file). */
export interface Adoption {
  /** Team slug -> import ID. */
  teams: ReadonlyMap<string, string>;
  /** Project slug -> import IDs of the project and its rules. */
  projects: ReadonlyMap<string, AdoptedProject>;
  /** Lower-cased e-mail -> import ID. */
  members: ReadonlyMap<string, string>;
  /** Lower-cased `owner/name` -> import IDs of the link and of the GitHub App entry. */
  repositories: ReadonlyMap<string, AdoptedRepository>;
}

export interface AdoptedProject {
  importId?: string;
  /** Rule name -> import ID of the live rule the managed one adopts. */
  ruleImportIds: ReadonlyMap<string, string>;
  /** Performance alert name -> import ID of the live metric alert the managed one adopts. */
  performanceImportIds?: ReadonlyMap<string, string>;
}

export interface AdoptedRepository {
  link?: string;
  installation?: string;
}

export interface DesiredTeam {
  slug: string;
  /** Import ID when the team exists in Sentry already (adoption). */
  importId?: string;
  name: string;
  file: string;
  startup?: string;
  /** GitHub accounts that own the team file (CODEOWNERS). */
  owners: string[];
}

export interface DesiredProject {
  slug: string;
  name: string;
  teamSlug: string;
  platform?: string;
  /** Teams that have the project: the owning team first, then the file's `sharedWith`. */
  teams: string[];
  /** `identifier` of the repository holding the code, for the code mapping. */
  repository?: string;
  /** How Sentry maps stack frames to the repository (with `repository`). */
  codeMapping?: { branch: string; stackRoot: string; sourceRoot: string };
  alertRules: DesiredAlertRule[];
  /** Sentry metric alerts from the file's `performance:`. */
  performanceAlerts: DesiredPerformanceAlert[];
  /** Channels of the sentry-mattermost bridge that this project's webhook rules post to. */
  mattermostChannels: string[];
  /** Server-side scrubbing: the stack's settings, plus the fields the team file adds. */
  privacy: DesiredPrivacy;
  /** Inbound filter id -> active, from the stack. */
  inboundFilters: Record<InboundFilterId, boolean>;
  /** Rate limit of the project's DSN key: the stack's, or the project's override. */
  keyRateLimit: { count: number; window: number };
  /** The limit is the project's override in the stack config. */
  keyRateLimitIsOverride: boolean;
  /** Set when the project exists in Sentry already (adoption). */
  adoption?: AdoptedProject;
}

export interface DesiredPrivacy {
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  scrubIPAddresses: boolean;
  sensitiveFields: string[];
  safeFields: string[];
}

export type InboundFilterId = "localhost" | "browser-extensions" | "web-crawlers" | "legacy-browsers";

export interface DesiredMembership {
  teamSlug: string;
  role: TeamRole;
  /** The first day (Europe/Paris) the membership will no longer be declared, when the file sets one. */
  until?: string;
}

/** A membership the file still lists but whose `until` day has come: it is no longer declared. */
export interface EndedMembership {
  email: string;
  handle?: string;
  teamSlug: string;
  until: string;
}

export interface DesiredMember {
  /** Lower-cased address: one Sentry organization member per address across all files. */
  email: string;
  /** beta.gouv.fr handle when the files name the person by handle. */
  handle?: string;
  /** Org role of new members: team files cannot grant more (adopted members keep theirs). */
  orgRole: "member";
  /** Import ID when the person is a member of the organization already (adoption). */
  importId?: string;
  teams: DesiredMembership[];
}

export interface DesiredRepository {
  /** `owner/name` as GitHub spells it: Sentry matches linked repositories by exact name. */
  identifier: string;
  owner: string;
  name: string;
  installationId: string;
  sentryIntegrationId: string;
  /** Teams whose files ask for it, sorted. */
  teamSlugs: string[];
  /** Set when the link or the GitHub App entry exist already (adoption). */
  importIds?: AdoptedRepository;
}

export interface DesiredOrganization {
  organization: string;
  teams: DesiredTeam[];
  projects: DesiredProject[];
  members: DesiredMember[];
  repositories: DesiredRepository[];
  keyRateLimit: { count: number; window: number };
  mattermostWebhookUrl?: string;
  /** The run's day in Europe/Paris (`YYYY-MM-DD`), against which `until` was read. */
  today: string;
  endedMemberships: EndedMembership[];
}

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));
/** Order of Go's `sort.Strings` for ASCII text (team slugs are ASCII). */
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const union = (...lists: (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))].sort();

/** The stack's scrubbing, with the team file's additions (and its opt-outs, where the stack allows them). */
export function desiredPrivacy(policy: StackPolicy, project: TeamFileProject["privacy"]): DesiredPrivacy {
  const stack = policy.privacy;
  // A file may always turn scrubbing on; off only where the stack allows it (the validator refuses it otherwise).
  const may = (value: boolean | undefined, fallback: boolean) =>
    value === undefined || (!value && !stack.teamsMayDisable) ? fallback : value;
  return {
    dataScrubber: may(project?.dataScrubber, stack.dataScrubber),
    dataScrubberDefaults: may(project?.dataScrubberDefaults, stack.dataScrubberDefaults),
    scrubIPAddresses: may(project?.scrubIPAddresses, stack.scrubIPAddresses),
    sensitiveFields: union(stack.sensitiveFields, project?.sensitiveFields),
    safeFields: union(stack.safeFields, project?.safeFields),
  };
}

/**
 * The desired organization. `today` is the run's day in Europe/Paris (src/team-file/expiry.ts), the
 * current one unless given: a membership whose `until` day has come is left out, and an alert that
 * notified that person notifies their team instead.
 */
export function buildDesiredOrganization(
  teams: readonly ValidatedTeam[],
  policy: StackPolicy,
  adoption?: Adoption,
  today: string = parisDate(new Date()),
): DesiredOrganization {
  const members = new Map<string, DesiredMember>();
  const endedMemberships: EndedMembership[] = [];
  const repositories = new Map<string, DesiredRepository>();

  /** One repository however the files spell it (GitHub names are case-insensitive); returns its identifier. */
  const linkRepository = ({ identifier, integration }: ResolvedRepository, teamSlug: string): string => {
    const key = identifier.toLowerCase();
    const existing = repositories.get(key);
    if (existing) {
      if (!existing.teamSlugs.includes(teamSlug)) existing.teamSlugs.push(teamSlug);
      return existing.identifier;
    }
    const importIds = adoption?.repositories.get(key);
    repositories.set(key, {
      identifier,
      owner: integration.owner,
      name: identifier.split("/")[1],
      installationId: integration.installationId,
      sentryIntegrationId: integration.sentryIntegrationId,
      teamSlugs: [teamSlug],
      ...(importIds ? { importIds } : {}),
    });
    return identifier;
  };

  const desiredTeams: DesiredTeam[] = [];
  const projects: DesiredProject[] = [];
  for (const { slug, file, team, resolved } of [...teams].sort(byKey((t) => t.slug))) {
    const teamImport = adoption?.teams.get(slug);
    desiredTeams.push({
      slug,
      ...(teamImport ? { importId: teamImport } : {}),
      name: team.name,
      file,
      owners: team.owners ?? [],
      ...(team.startup ? { startup: team.startup } : {}),
    });

    const ended = new Set<string>();
    for (const { address: email, handle, teamRole: role, until } of resolved.members) {
      if (until !== undefined && accessEnded(until, today)) {
        ended.add(email);
        endedMemberships.push({ email, ...(handle ? { handle } : {}), teamSlug: slug, until });
        continue;
      }
      const membership: DesiredMembership = { teamSlug: slug, role, ...(until ? { until } : {}) };
      const existing = members.get(email);
      if (existing) {
        existing.teams.push(membership);
        existing.handle ??= handle;
      } else {
        const importId = adoption?.members.get(email);
        members.set(email, {
          email,
          orgRole: "member",
          ...(importId ? { importId } : {}),
          teams: [membership],
          ...(handle ? { handle } : {}),
        });
      }
    }

    (team.projects ?? []).forEach((project, index) => {
      const { teams: projectTeams, repository, codeMapping, alerts, performance } = resolved.projects[index];
      const adopted = adoption?.projects.get(project.slug);
      const channels = (project.alerts ?? [])
        .flatMap((a) => a.notify ?? [])
        .flatMap((n) => (typeof n === "object" && "mattermost" in n ? [n.mattermost] : []));
      projects.push({
        slug: project.slug,
        name: project.name ?? project.slug,
        teamSlug: slug,
        teams: projectTeams,
        ...(project.platform ? { platform: project.platform } : {}),
        ...(repository && codeMapping ? { repository: linkRepository(repository, slug), codeMapping } : {}),
        alertRules: desiredAlertRules(project.alerts, alerts, policy.defaults.alertEvery, slug).map((rule) => ({
          ...rule,
          actions: withoutEnded(rule.actions, ended),
        })),
        performanceAlerts: desiredPerformanceAlerts(project.performance, performance, slug).map((alert) => ({
          ...alert,
          targets: withoutEnded(alert.targets, ended),
        })),
        mattermostChannels: [...new Set(channels)].sort(),
        privacy: desiredPrivacy(policy, project.privacy),
        inboundFilters: {
          localhost: policy.inboundFilters.localhost,
          "browser-extensions": policy.inboundFilters.browserExtensions,
          "web-crawlers": policy.inboundFilters.webCrawlers,
          "legacy-browsers": policy.inboundFilters.legacyBrowsers,
        },
        keyRateLimit: keyRateLimitOf(policy, project.slug),
        keyRateLimitIsOverride: hasKeyRateLimitOverride(policy, project.slug),
        ...(adopted ? { adoption: adopted } : {}),
      });
    });
    for (const repository of resolved.repositories) linkRepository(repository, slug);
  }

  // Go's byte order: provider v0.11.2 sorts the member's teams with `sort.Strings` when it reads them
  // (resource_sentry_organization_member.go:116) and compares that list with ours, in order. Slugs with
  // `_` exist (the real network has some), and a locale order puts `_` before `-`.
  for (const member of members.values()) member.teams.sort((a, b) => byteOrder(a.teamSlug, b.teamSlug));
  for (const repository of repositories.values()) repository.teamSlugs.sort();

  return {
    organization: policy.organization,
    teams: desiredTeams,
    projects: projects.sort(byKey((p) => p.slug)),
    members: [...members.values()].sort(byKey((m) => m.email)),
    repositories: [...repositories.values()].sort(byKey((r) => r.identifier)),
    keyRateLimit: policy.defaults.keyRateLimit,
    ...(policy.notifications?.mattermostWebhookUrl
      ? { mattermostWebhookUrl: policy.notifications.mattermostWebhookUrl }
      : {}),
    today,
    endedMemberships,
  };
}

/** Actions with the people whose membership ended replaced by their team (each action once). */
function withoutEnded<A extends RuleAction | MetricAlertTarget>(
  actions: readonly A[],
  ended: ReadonlySet<string>,
): A[] {
  const kept: A[] = [];
  for (const action of actions) {
    const next =
      action.kind === "member" && ended.has(action.email)
        ? ({ kind: "team", teamSlug: action.fallbackTeamSlug } as A)
        : action;
    if (!kept.some((a) => JSON.stringify(a) === JSON.stringify(next))) kept.push(next);
  }
  return kept;
}
