// Reads the checklist's measurements from Sentry with as few requests as the API allows: organization-wide
// lists and queries answer for every project at once, never one request per project.
//   - the project list with 30 days of per-day counts (pages of 100);
//   - the organization's users (accepted members) with the projects they can see (one request);
//   - every alert rule of the organization, issue and metric (pages of 100);
//   - transaction outcomes grouped by project (one request);
//   - three error queries grouped by project: without environment, without release, with a user
//     e-mail or IP address (pages of 100 rows, only projects that have such events);
//   - the members of a notified team only when that team shares a project with another team (the users
//     list cannot tell which team gives access then).
import type { SentryClient } from "../sentry/client";
import { queryEvents } from "../sentry/api/events";
import { listOrganizationUsers } from "../sentry/api/members";
import { listProjectsWithStats, type ProjectWithStats } from "../sentry/api/projects";
import { listCombinedRules, type CombinedRule } from "../sentry/api/rules";
import { getOrganizationStats, OUTCOME_ROWS_LIMIT } from "../sentry/api/stats";
import { listTeamMembers } from "../sentry/api/teams";
import type { AlertTarget, MeasuredAlertRule, MeasuredProject, OrganizationMeasurements } from "./measurements";

export const PERIOD = "30d";
export const PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days of the period, oldest first, ending on the day of `now` (UTC). */
export function periodDays(now: number): string[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: PERIOD_DAYS }, (_, i) => isoDay(today - (PERIOD_DAYS - 1 - i) * DAY_MS));
}

/** A `[epoch seconds, count]` series laid on `days` (buckets outside the period are dropped). */
function alignDaily(series: readonly (readonly [number, number])[] | undefined, days: readonly string[]): number[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const values = days.map(() => 0);
  for (const [seconds, value] of series ?? []) {
    const i = index.get(isoDay(seconds * 1000));
    if (i !== undefined) values[i] += value;
  }
  return values;
}

/**
 * Who one action of an issue rule notifies. Action ids and fields as Sentry stores them
 * (src/model/alert-rules.ts writes the same ones); a NotifyEmailAction without `fallthroughType`
 * falls through to active members (getsentry/sentry src/sentry/mail/actions.py NotifyEmailAction.render_label).
 */
export function issueRuleTarget(action: Record<string, unknown>): AlertTarget {
  const id = String(action.id);
  if (id === "sentry.mail.actions.NotifyEmailAction") {
    const identifier = String(action.targetIdentifier ?? "");
    switch (action.targetType) {
      case "Team":
        return { kind: "team", teamId: identifier };
      case "Member":
        return { kind: "member", userId: identifier };
      case "IssueOwners":
        return { kind: "issue-owners", fallthrough: String(action.fallthroughType ?? "ActiveMembers") };
    }
    return { kind: "other", id };
  }
  if (id === "sentry.rules.actions.notify_event_service.NotifyEventServiceAction")
    return { kind: "channel", service: String(action.service ?? "service") };
  if (id === "sentry.rules.actions.notify_event.NotifyEventAction")
    return { kind: "channel", service: "legacy-integrations" };
  if (id === "sentry.rules.actions.notify_event_sentry_app.NotifyEventSentryAppAction")
    return { kind: "channel", service: String(action.sentryAppInstallationUuid ?? "sentry-app") };
  // Slack, Microsoft Teams, Discord, PagerDuty, Opsgenie... notify through an integration.
  if (id.startsWith("sentry.integrations.")) return { kind: "channel", service: id.split(".")[2] };
  return { kind: "other", id };
}

/** Who one action of a metric alert trigger notifies (`type` email with `targetType` team or user). */
function metricActionTarget(action: { type: string; targetType: string; targetIdentifier?: string | number | null }) {
  const identifier = String(action.targetIdentifier ?? "");
  if (action.type === "email" && action.targetType === "team") return { kind: "team", teamId: identifier } as const;
  if (action.type === "email" && action.targetType === "user") return { kind: "member", userId: identifier } as const;
  if (action.type === "email") return { kind: "other", id: `email:${action.targetType}` } as const;
  return { kind: "channel", service: action.type } as const;
}

function measuredRule(rule: CombinedRule): MeasuredAlertRule {
  const active = rule.snooze !== true && rule.status !== "disabled";
  const targets: AlertTarget[] =
    rule.type === "rule"
      ? (rule.actions ?? []).map(issueRuleTarget)
      : (rule.triggers ?? []).flatMap((trigger) => trigger.actions.map(metricActionTarget));
  return { name: rule.name, active, targets };
}

/** Per project id, the first numeric value of `field` in rows grouped by `project.id`. */
function byProject(rows: Record<string, unknown>[], field: string): Map<string, number> {
  return new Map(rows.map((row) => [String(row["project.id"]), Number(row[field] ?? 0)]));
}

export interface ReadOptions {
  /** The run's clock (tests inject it). */
  now?: number;
}

export async function readMeasurements(
  client: SentryClient,
  organization: string,
  options: ReadOptions = {},
): Promise<OrganizationMeasurements> {
  const now = options.now ?? Date.now();
  const errorsQuery = (query: string, field: string[]) =>
    queryEvents(client, organization, {
      dataset: "errors",
      field: ["project.id", ...field],
      query,
      statsPeriod: PERIOD,
      project: ["-1"],
      sort: "project.id",
    });
  const [projects, users, rules, outcomes, withoutEnvironment, withoutRelease, personal] = await Promise.all([
    listProjectsWithStats(client, organization, PERIOD),
    listOrganizationUsers(client, organization),
    listCombinedRules(client, organization),
    getOrganizationStats(client, organization, {
      field: "sum(quantity)",
      groupBy: ["project", "outcome", "reason"],
      category: ["transaction"],
      outcome: ["accepted", "rate_limited", "client_discard"],
      statsPeriod: PERIOD,
      interval: "1d",
      project: ["-1"],
    }),
    errorsQuery("!has:environment", ["count()"]),
    errorsQuery("!has:release", ["count()"]),
    errorsQuery("has:user.email OR has:user.ip", ["count()", "count_unique(user.email)", "count_unique(user.ip)"]),
  ]);
  const warnings: string[] = [];
  if (outcomes.groups.length >= OUTCOME_ROWS_LIMIT)
    warnings.push(
      `Sentry's outcome totals stop at ${OUTCOME_ROWS_LIMIT} rows and this answer has that many: some projects' transaction counts may be missing`,
    );

  const days = periodDays(now);
  const usersByProject = new Map<string, string[]>();
  for (const user of users)
    if (user.user)
      for (const slug of user.projects) usersByProject.set(slug, [...(usersByProject.get(slug) ?? []), user.user.id]);

  const transactions = new Map<string, { accepted: number; rateLimited: number; sampledOut: number }>();
  for (const group of outcomes.groups) {
    const id = String(group.by.project);
    const entry = transactions.get(id) ?? { accepted: 0, rateLimited: 0, sampledOut: 0 };
    const quantity = group.totals["sum(quantity)"] ?? 0;
    if (group.by.outcome === "accepted") entry.accepted += quantity;
    else if (group.by.outcome === "rate_limited") entry.rateLimited += quantity;
    else if (group.by.outcome === "client_discard" && group.by.reason === "sample_rate") entry.sampledOut += quantity;
    transactions.set(id, entry);
  }

  const rulesByProject = new Map<string, MeasuredAlertRule[]>();
  for (const rule of rules) {
    if (rule.type !== "rule" && rule.type !== "alert_rule") continue;
    for (const slug of rule.projects ?? [])
      rulesByProject.set(slug, [...(rulesByProject.get(slug) ?? []), measuredRule(rule)]);
  }

  const noEnvironment = byProject(withoutEnvironment, "count()");
  const noRelease = byProject(withoutRelease, "count()");
  const personalEvents = byProject(personal, "count()");
  const emails = byProject(personal, "count_unique(user.email)");
  const ips = byProject(personal, "count_unique(user.ip)");

  const measured = new Map<string, MeasuredProject>();
  for (const project of projects) measured.set(project.slug, measureProject(project));
  function measureProject(project: ProjectWithStats): MeasuredProject {
    return {
      slug: project.slug,
      id: project.id,
      dateCreated: project.dateCreated,
      firstEvent: project.firstEvent,
      teamIds: project.teams.map((t) => t.id),
      errorsPerDay: alignDaily(project.stats, days),
      transactionsPerDay: alignDaily(project.transactionStats, days),
      errorsWithoutEnvironment: noEnvironment.get(project.id) ?? 0,
      errorsWithoutRelease: noRelease.get(project.id) ?? 0,
      personalData: {
        events: personalEvents.get(project.id) ?? 0,
        emails: emails.get(project.id) ?? 0,
        ipAddresses: ips.get(project.id) ?? 0,
      },
      transactions: transactions.get(project.id) ?? { accepted: 0, rateLimited: 0, sampledOut: 0 },
      alertRules: rulesByProject.get(project.slug) ?? [],
      usersWithAccess: usersByProject.get(project.slug) ?? [],
    };
  }

  // A team alone on a project: its accepted members are the project's users. A notified team that only
  // shares projects with other teams is asked for its members.
  const acceptedMembersByTeam = new Map<string, number>();
  for (const project of projects)
    if (project.teams.length === 1)
      acceptedMembersByTeam.set(project.teams[0].id, usersByProject.get(project.slug)?.length ?? 0);
  const teamSlugs = new Map(projects.flatMap((p) => p.teams.map((t) => [t.id, t.slug] as const)));
  const unknown = new Set(
    [...measured.values()].flatMap((p) =>
      p.alertRules.flatMap((r) =>
        r.targets.flatMap((t) =>
          t.kind === "team" && p.teamIds.includes(t.teamId) && !acceptedMembersByTeam.has(t.teamId) ? [t.teamId] : [],
        ),
      ),
    ),
  );
  await Promise.all(
    [...unknown].map(async (teamId) => {
      const members = await listTeamMembers(client, organization, teamSlugs.get(teamId)!);
      acceptedMembersByTeam.set(teamId, members.filter((m) => m.user && !m.pending).length);
    }),
  );

  return {
    organization,
    measuredAt: new Date(now).toISOString(),
    days,
    projects: measured,
    acceptedMembersByTeam,
    warnings,
    requests: client.stats.requests,
  };
}
