// What the checklist measures in Sentry, as plain data: the reader (read.ts) fills it from the API, the
// rules (rules.ts) judge it, the tests build it by hand. No Sentry response shape leaks past the reader.

/** Who an alert rule's action notifies, once Sentry's action ids are read (read.ts). */
export type AlertTarget =
  | { kind: "team"; teamId: string }
  | { kind: "member"; userId: string }
  /** Issue owners, then the fallthrough (`ActiveMembers`, `AllMembers` or `NoOne`). */
  | { kind: "issue-owners"; fallthrough: string }
  /** A channel (the Mattermost bridge's webhooks, Slack...): its audience cannot be read here. */
  | { kind: "channel"; service: string }
  /** An action that notifies nobody the checklist knows of (e.g. an unknown action id). */
  | { kind: "other"; id: string };

export interface MeasuredAlertRule {
  name: string;
  /** False when the rule is disabled or snoozed: it notifies nobody. */
  active: boolean;
  targets: AlertTarget[];
}

/** Transaction outcomes over the period (Sentry's org stats, grouped by project). */
export interface TransactionOutcomes {
  accepted: number;
  /** Dropped by a rate limit or quota (outcome `rate_limited`). */
  rateLimited: number;
  /** Dropped by the SDK's own sampling, as its client reports say (outcome `client_discard`, reason `sample_rate`). */
  sampledOut: number;
}

export interface MeasuredProject {
  slug: string;
  id: string;
  dateCreated: string;
  /** Date of the project's first event ever, or null when it never received one. */
  firstEvent: string | null;
  teamIds: string[];
  /** Error (non-transaction) events per day, aligned with `OrganizationMeasurements.days`. */
  errorsPerDay: number[];
  transactionsPerDay: number[];
  errorsWithoutEnvironment: number;
  errorsWithoutRelease: number;
  /** Error events that carry a user e-mail or IP address, and how many distinct ones. */
  personalData: { events: number; emails: number; ipAddresses: number };
  transactions: TransactionOutcomes;
  alertRules: MeasuredAlertRule[];
  /** Users (accepted, active members) who can see the project through one of its teams. */
  usersWithAccess: string[];
}

export interface OrganizationMeasurements {
  organization: string;
  /** When the measurements were taken (ISO 8601). */
  measuredAt: string;
  /** The days of the per-day series, oldest first (`YYYY-MM-DD`, UTC). */
  days: string[];
  /** Project slug -> measurements; a declared project missing here does not exist in Sentry. */
  projects: Map<string, MeasuredProject>;
  /** Team id -> number of members who accepted their invitation (pending invitations receive nothing). */
  acceptedMembersByTeam: Map<string, number>;
  /** Things the reader could not measure completely, said in the report rather than hidden. */
  warnings: string[];
  /** Requests the reader made. */
  requests: number;
}
