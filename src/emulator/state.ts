// In-memory state of the Sentry emulator: one organization, with what the project manages.
// A test double: it reproduces the documented behaviours the tools rely on (see docs/architecture.md), not Sentry.
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
  environments: Set<string>;
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
  email: string;
  orgRole: string;
  userId: string | null;
  teamRoles: Map<string, "contributor" | "admin" | null>;
  dateCreated: string;
}

export interface EmulatedRule {
  id: string;
  projectId: string;
  name: string;
  actionMatch: string;
  filterMatch: string;
  frequency: number;
  conditions: RuleNode[];
  filters: RuleNode[];
  actions: RuleNode[];
  environment: string | null;
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

export class EmulatorState {
  readonly organization: { id: string; slug: string; name: string; dateCreated: string };
  readonly teams = new Map<string, EmulatedTeam>();
  readonly projects = new Map<string, EmulatedProject>();
  readonly keys = new Map<string, EmulatedKey>();
  readonly members = new Map<string, EmulatedMember>();
  readonly rules = new Map<string, EmulatedRule>();
  readonly repositories = new Map<string, EmulatedRepository>();
  readonly integrations = new Map<string, EmulatedIntegration>();
  readonly codeMappings = new Map<string, EmulatedCodeMapping>();
  /** Events and outcomes, for the read-only endpoints of the checklist. */
  readonly telemetry = new EmulatedTelemetry();
  #nextId = 1;
  #clock = Date.parse("2026-01-01T00:00:00Z");

  constructor(organization: string) {
    this.organization = { id: this.newId(), slug: organization, name: organization, dateCreated: this.now() };
  }

  newId(): string {
    return String(this.#nextId++);
  }

  /** A strictly increasing timestamp, so that "oldest first" orders are stable. */
  now(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString();
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

  createMember(email: string, orgRole: string): EmulatedMember {
    const member = { id: this.newId(), email, orgRole, userId: null, teamRoles: new Map(), dateCreated: this.now() };
    this.members.set(member.id, member);
    return member;
  }

  deleteProject(project: EmulatedProject): void {
    this.projects.delete(project.id);
    for (const [id, key] of this.keys) if (key.projectId === project.id) this.keys.delete(id);
    for (const [id, rule] of this.rules) if (rule.projectId === project.id) this.rules.delete(id);
    for (const [id, mapping] of this.codeMappings) if (mapping.projectId === project.id) this.codeMappings.delete(id);
  }
}
