// Validated team files -> one normalized, pure desired model of the Sentry organization and its GitHub
// links. Everything downstream (Pulumi declarations, the offline plan, the importer, the audit) reads
// this model; it has no Pulumi import.
import { integrationForOwner, type StackPolicy } from "../stack/policy";
import type { TeamFileMember, TeamFileProject, TeamRole } from "../team-file/schema";
import type { ValidatedTeam } from "../team-file/validate";
import { desiredAlertRules, type DesiredAlertRule } from "./alert-rules";

/** What already exists in Sentry and is adopted rather than created (the validated adoption file). */
export interface Adoption {
  /** Team slug -> import ID. */
  teams: ReadonlyMap<string, string>;
  /** Project slug -> import IDs of the project and its rules, and the live code mappings the managed one replaces. */
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
  /** Live code mappings the managed one replaces (provider v0.11.2 cannot import them reliably). */
  retireCodeMappingIds: string[];
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
  /** `identifier` of the repository holding the code, for the code mapping. */
  repository?: string;
  alertRules: DesiredAlertRule[];
  /** Channels of the sentry-mattermost bridge that this project's webhook rules post to. */
  mattermostChannels: string[];
  /** Server-side scrubbing: the stack's settings, plus the fields the team file adds. */
  privacy: DesiredPrivacy;
  /** Inbound filter id -> active, from the stack. */
  inboundFilters: Record<InboundFilterId, boolean>;
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
  defaultBranch: string;
  keyRateLimit: { count: number; window: number };
  mattermostWebhookUrl?: string;
}

export function memberEmail(member: TeamFileMember, policy: StackPolicy): string {
  if (typeof member === "string") return `${member}@${policy.members.handleDomain}`.toLowerCase();
  if ("handle" in member) return `${member.handle}@${policy.members.handleDomain}`.toLowerCase();
  return member.email.toLowerCase();
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

export function buildDesiredOrganization(
  teams: readonly ValidatedTeam[],
  policy: StackPolicy,
  adoption?: Adoption,
): DesiredOrganization {
  const members = new Map<string, DesiredMember>();
  const repositories = new Map<string, DesiredRepository>();

  const linkRepository = (fullName: string, teamSlug: string): string => {
    const [owner, name] = fullName.split("/");
    const integration = integrationForOwner(policy, owner);
    if (!integration) throw new Error(`no GitHub integration for ${owner}: the validator should have refused it`);
    // GitHub names are case-insensitive: one repository however the files spell it.
    const key = fullName.toLowerCase();
    const existing = repositories.get(key);
    if (existing) {
      if (!existing.teamSlugs.includes(teamSlug)) existing.teamSlugs.push(teamSlug);
      return existing.identifier;
    }
    const identifier = `${integration.owner}/${name}`;
    const importIds = adoption?.repositories.get(key);
    repositories.set(key, {
      identifier,
      owner: integration.owner,
      name,
      installationId: integration.installationId,
      sentryIntegrationId: integration.sentryIntegrationId,
      teamSlugs: [teamSlug],
      ...(importIds ? { importIds } : {}),
    });
    return identifier;
  };

  const desiredTeams: DesiredTeam[] = [];
  const projects: DesiredProject[] = [];
  for (const { slug, file, team } of [...teams].sort(byKey((t) => t.slug))) {
    const teamImport = adoption?.teams.get(slug);
    desiredTeams.push({
      slug,
      ...(teamImport ? { importId: teamImport } : {}),
      name: team.name,
      file,
      owners: team.owners ?? [],
      ...(team.startup ? { startup: team.startup } : {}),
    });

    for (const member of team.members ?? []) {
      const email = memberEmail(member, policy);
      const role: TeamRole = typeof member === "string" ? "contributor" : (member.teamRole ?? "contributor");
      const handle = typeof member === "string" ? member : "handle" in member ? member.handle : undefined;
      const existing = members.get(email);
      if (existing) {
        existing.teams.push({ teamSlug: slug, role });
        existing.handle ??= handle;
      } else {
        const importId = adoption?.members.get(email);
        members.set(email, {
          email,
          orgRole: "member",
          ...(importId ? { importId } : {}),
          teams: [{ teamSlug: slug, role }],
          ...(handle ? { handle } : {}),
        });
      }
    }

    for (const project of team.projects ?? []) {
      const adopted = adoption?.projects.get(project.slug);
      const channels = (project.alerts ?? [])
        .flatMap((a) => a.notify ?? [])
        .flatMap((n) => (typeof n === "object" && "mattermost" in n ? [n.mattermost] : []));
      projects.push({
        slug: project.slug,
        name: project.name ?? project.slug,
        teamSlug: slug,
        ...(project.platform ? { platform: project.platform } : {}),
        ...(project.repository ? { repository: linkRepository(project.repository, slug) } : {}),
        alertRules: desiredAlertRules(project.alerts, policy.defaults.alertEvery, {
          teamSlug: slug,
          emailOfHandle: (handle) => memberEmail(handle, policy),
        }),
        mattermostChannels: [...new Set(channels)].sort(),
        privacy: desiredPrivacy(policy, project.privacy),
        inboundFilters: {
          localhost: policy.inboundFilters.localhost,
          "browser-extensions": policy.inboundFilters.browserExtensions,
          "web-crawlers": policy.inboundFilters.webCrawlers,
          "legacy-browsers": policy.inboundFilters.legacyBrowsers,
        },
        ...(adopted ? { adoption: adopted } : {}),
      });
    }
    for (const repository of team.repositories ?? []) linkRepository(repository, slug);
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
    defaultBranch: policy.github.defaultBranch,
    keyRateLimit: policy.defaults.keyRateLimit,
    ...(policy.notifications?.mattermostWebhookUrl
      ? { mattermostWebhookUrl: policy.notifications.mattermostWebhookUrl }
      : {}),
  };
}
