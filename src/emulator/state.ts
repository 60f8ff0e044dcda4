// In-memory state of the Sentry emulator: one organization, with what the project manages.
// A test double: it reproduces the Sentry behaviours the tools rely on (docs/architecture.md, "Sentry
// behaviours the emulator reproduces"), not Sentry.
import { randomBytes } from "node:crypto";
import { EmulatedTelemetry } from "./telemetry";
import type { RuleNode } from "../sentry/api/common";

export interface EmulatedTeam {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}

export interface EmulatedProject {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  teamIds: string[];
  dateCreated: string;
  /** Slugs this project answered to before a rename (they redirect with 302). */
  previousSlugs: string[];
  privacy: {
    dataScrubber: boolean;
    dataScrubberDefaults: boolean;
    scrubIPAddresses: boolean;
    sensitiveFields: string[];
    safeFields: string[];
  };
  filters: Record<string, boolean | string[]>;
  /** Environments that received events in this project. */
  environments: Set<string>;
  /** Legacy plugins (by slug) the project enabled or configured: options persist when disabled. */
  plugins: Map<string, { enabled: boolean; options: Record<string, string> }>;
}

export interface EmulatedKey {
  id: string;
  secret: string;
  name: string;
  projectId: string;
  isActive: boolean;
  rateLimit: { count: number; window: number } | null;
  dateCreated: string;
}

export interface EmulatedMember {
  id: string;
  /** The invited address. */
  email: string;
  orgRole: string;
  /** Set once the invitation is accepted. */
  userId: string | null;
  /** The address of the user who accepted, when it differs from the invited one. */
  userEmail?: string;
  teamRoles: Map<string, "contributor" | "admin" | null>;
  dateCreated: string;
}

export interface EmulatedRule {
  id: string;
  projectId: string;
  name: string;
  actionMatch: string;
  /** Null when the rule was sent without one. */
  filterMatch: string | null;
  frequency: number;
  conditions: RuleNode[];
  filters: RuleNode[];
  actions: RuleNode[];
  environment: string | null;
  dateCreated: string;
}

export interface EmulatedMetricAlertAction {
  id: string;
  type: string;
  targetType: string;
  /** Stored as text (AlertRuleTriggerAction.target_identifier). */
  targetIdentifier: string;
}

export interface EmulatedMetricAlertTrigger {
  id: string;
  label: string;
  alertThreshold: number;
  actions: EmulatedMetricAlertAction[];
}

export interface EmulatedMetricAlert {
  id: string;
  projectId: string;
  name: string;
  dataset: string;
  query: string;
  aggregate: string;
  /** Minutes. */
  timeWindow: number;
  thresholdType: number;
  resolveThreshold: number | null;
  environment: string | null;
  eventTypes: string[];
  triggers: EmulatedMetricAlertTrigger[];
  dateCreated: string;
}

export interface EmulatedRepository {
  id: string;
  name: string;
  integrationId: string;
  status: "active" | "hidden" | "pending_deletion";
  dateCreated: string;
}

export interface EmulatedIntegration {
  id: string;
  /** For GitHub: the GitHub organisation. */
  name: string;
  externalId: string;
}

export interface EmulatedCodeMapping {
  id: string;
  projectId: string;
  repoId: string;
  integrationId: string;
  stackRoot: string;
  sourceRoot: string;
  defaultBranch: string;
}

export const FILTER_IDS = [
  "browser-extensions",
  "localhost",
  "legacy-browsers",
  "web-crawlers",
  "filtered-transaction",
] as const;
export const SENTRY_DEFAULT_RULE = {
  name: "Send a notification for new issues",
  conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
  actions: [
    { id: "sentry.mail.actions.NotifyEmailAction", targetType: "IssueOwners", fallthroughType: "ActiveMembers" },
  ],
};

/**
 * On by default in self-hosted Sentry (features registered with `default=True`, getsentry/sentry
 * src/sentry/features/temporary.py, stored version 5684415404); tests switch them off to see the other branch.
 */
export const DEFAULT_FEATURES = [
  "organizations:invite-members",
  "organizations:invite-members-rate-limits",
  "organizations:team-roles",
  "projects:rate-limits",
];

/**
 * The release the emulator reports. Its behaviours follow the Sentry sources cited in docs/architecture.md;
 * the number only matters to `npm run preflight`, which compares it with the oldest release it supports.
 */
export const EMULATED_RELEASE = "25.8.0";

/**
 * How a code-mapping list is filtered by project (getsentry/sentry
 * src/sentry/integrations/api/endpoints/organization_code_mappings.py, `get`). Releases differ, and which
 * one runs is not known:
 * - `without-integration` (@1d0e709c): with `integrationId`, every mapping of the integration; without
 *   it, those of the projects `project` selects;
 * - `always` (@c7ee81d7:164-186, getsentry/sentry#105607): the projects `project` selects in both cases.
 * `project` absent selects the projects of the token user's teams; `project=-1` every project it can access.
 */
export type CodeMappingProjectFilter = "without-integration" | "always";

export class EmulatorState {
  readonly organization: { id: string; slug: string; name: string; dateCreated: string };
  readonly teams = new Map<string, EmulatedTeam>();
  readonly projects = new Map<string, EmulatedProject>();
  readonly keys = new Map<string, EmulatedKey>();
  readonly members = new Map<string, EmulatedMember>();
  readonly rules = new Map<string, EmulatedRule>();
  readonly metricAlerts = new Map<string, EmulatedMetricAlert>();
  readonly repositories = new Map<string, EmulatedRepository>();
  readonly integrations = new Map<string, EmulatedIntegration>();
  readonly codeMappings = new Map<string, EmulatedCodeMapping>();
  /** Feature flags of the organization, as `GET /organizations/{org}/` lists them. */
  readonly features: Set<string>;
  /** What `/api/client-config/` reports as the running release. */
  release = EMULATED_RELEASE;
  /** The newer, stricter filter unless a test asks for the older one. */
  codeMappingProjectFilter: CodeMappingProjectFilter = "always";
  /** Events and outcomes, for the read-only endpoints of the checklist. */
  readonly telemetry = new EmulatedTelemetry();
  #nextId = 1;
  #clock = Date.parse("2026-01-01T00:00:00Z");
  #windows = new Map<string, number>();

  constructor(organization: string, features: Iterable<string> = DEFAULT_FEATURES) {
    this.organization = { id: this.newId(), slug: organization, name: organization, dateCreated: this.now() };
    this.features = new Set(features);
  }

  newId(): string {
    return String(this.#nextId++);
  }

  /** A strictly increasing timestamp, so that "oldest first" orders are stable. */
  now(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString();
  }

  /**
   * One hit on a fixed-window counter, as Sentry's Redis rate limiter counts (a key per
   * `floor(now / window)` bucket, getsentry/sentry src/sentry/ratelimits/redis.py@5768e97c:26-42);
   * returns the count in the current window, this hit included.
   */
  countHit(key: string, windowSeconds: number, nowMs: number): number {
    const bucket = `${key}:${Math.floor(nowMs / 1000 / windowSeconds)}`;
    const count = (this.#windows.get(bucket) ?? 0) + 1;
    this.#windows.set(bucket, count);
    return count;
  }

  teamBySlug(slug: string): EmulatedTeam | undefined {
    for (const team of this.teams.values()) if (team.slug === slug || team.id === slug) return team;
    return undefined;
  }

  projectBySlug(slug: string): EmulatedProject | undefined {
    for (const project of this.projects.values()) if (project.slug === slug || project.id === slug) return project;
    return undefined;
  }

  projectByPreviousSlug(slug: string): EmulatedProject | undefined {
    for (const project of this.projects.values()) if (project.previousSlugs.includes(slug)) return project;
    return undefined;
  }

  createTeam(slug: string, name: string): EmulatedTeam {
    const team = { id: this.newId(), slug, name, dateCreated: this.now() };
    this.teams.set(team.id, team);
    return team;
  }

  /** Creates a project with Sentry's side effects: a "Default" key and, unless told not to, the default rule. */
  createProject(
    team: EmulatedTeam,
    slug: string,
    name: string,
    platform: string | null,
    defaultRules: boolean,
  ): EmulatedProject {
    const project: EmulatedProject = {
      id: this.newId(),
      slug,
      name,
      platform,
      teamIds: [team.id],
      dateCreated: this.now(),
      previousSlugs: [],
      privacy: {
        dataScrubber: true,
        dataScrubberDefaults: true,
        scrubIPAddresses: false,
        sensitiveFields: [],
        safeFields: [],
      },
      filters: Object.fromEntries(
        FILTER_IDS.map((id) => [
          id,
          platform?.startsWith("javascript") && id !== "filtered-transaction" ? true : false,
        ]),
      ),
      environments: new Set(),
      plugins: new Map(),
    };
    this.projects.set(project.id, project);
    this.createKey(project, "Default");
    if (defaultRules)
      this.createRule(project, {
        ...SENTRY_DEFAULT_RULE,
        actionMatch: "all",
        filterMatch: "all",
        frequency: 30,
        filters: [],
        environment: null,
      });
    return project;
  }

  createKey(project: EmulatedProject, name: string): EmulatedKey {
    const key = {
      id: randomBytes(16).toString("hex"),
      secret: randomBytes(16).toString("hex"),
      name,
      projectId: project.id,
      isActive: true,
      rateLimit: null,
      dateCreated: this.now(),
    };
    this.keys.set(key.id, key);
    return key;
  }

  createRule(project: EmulatedProject, rule: Omit<EmulatedRule, "id" | "projectId" | "dateCreated">): EmulatedRule {
    const created = { ...rule, id: this.newId(), projectId: project.id, dateCreated: this.now() };
    this.rules.set(created.id, created);
    return created;
  }

  /**
   * Sentry knows an environment organization-wide once an event of any project named it
   * (`Environment.get_for_organization_id`): the union of the projects' environments.
   */
  hasEnvironment(name: string): boolean {
    for (const project of this.projects.values()) if (project.environments.has(name)) return true;
    return false;
  }

  /** The invitee follows the link: the member gets a user (whose address may differ from the invited one). */
  acceptInvitation(member: EmulatedMember, userEmail = member.email): void {
    member.userId = this.newId();
    if (userEmail !== member.email) member.userEmail = userEmail;
  }

  /** The address Sentry shows for a member: the user's once accepted, else the invited one. */
  memberEmail(member: EmulatedMember): string {
    return member.userEmail ?? member.email;
  }

  memberByEmail(email: string): EmulatedMember | undefined {
    const wanted = email.toLowerCase();
    for (const member of this.members.values())
      if (member.email.toLowerCase() === wanted || member.userEmail?.toLowerCase() === wanted) return member;
    return undefined;
  }

  memberByUserId(userId: string): EmulatedMember | undefined {
    for (const member of this.members.values()) if (member.userId === userId) return member;
    return undefined;
  }

  createMember(email: string, orgRole: string): EmulatedMember {
    const member = { id: this.newId(), email, orgRole, userId: null, teamRoles: new Map(), dateCreated: this.now() };
    this.members.set(member.id, member);
    return member;
  }

  deleteProject(project: EmulatedProject): void {
    this.projects.delete(project.id);
    for (const [id, key] of this.keys) if (key.projectId === project.id) this.keys.delete(id);
    for (const [id, rule] of this.rules) if (rule.projectId === project.id) this.rules.delete(id);
    for (const [id, alert] of this.metricAlerts) if (alert.projectId === project.id) this.metricAlerts.delete(id);
    for (const [id, mapping] of this.codeMappings) if (mapping.projectId === project.id) this.codeMappings.delete(id);
  }
}
