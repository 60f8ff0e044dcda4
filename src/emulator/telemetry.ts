// What the emulated projects received (events per day and their traits, transaction outcomes), and the
// read-only endpoints the checklist queries over it, each answering as Sentry does (sources cited per
// handler). A test double: only the fields and query forms the checklist uses are served; other forms
// get Sentry's 400 rather than a made-up answer.
import type { EmulatorState } from "./state";

/** Events of one kind received by a project on one day. */
export interface EventBucket {
  day: string;
  type: "error" | "transaction";
  count: number;
  hasEnvironment: boolean;
  hasRelease: boolean;
  /** Distinct user e-mails / IP addresses these events carry (0: none). */
  userEmails: number;
  userIps: number;
}

/** A transaction outcome other than `accepted` (accepted ones are the transaction buckets). */
export interface DroppedTransactions {
  outcome: "rate_limited" | "client_discard" | "filtered";
  reason: string;
  quantity: number;
}

export class EmulatedTelemetry {
  readonly buckets = new Map<string, EventBucket[]>();
  readonly dropped = new Map<string, DroppedTransactions[]>();
  /** The day Sentry considers today (ISO); tests pin it. */
  now = Date.now();

  add(projectId: string, bucket: EventBucket): void {
    this.buckets.set(projectId, [...(this.buckets.get(projectId) ?? []), bucket]);
  }

  drop(projectId: string, dropped: DroppedTransactions): void {
    this.dropped.set(projectId, [...(this.dropped.get(projectId) ?? []), dropped]);
  }

  /** The first day of the period `days` long that ends today. */
  periodStart(days: number): string {
    const today = Math.floor(this.now / 86_400_000) * 86_400_000;
    return new Date(today - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  }

  inPeriod(projectId: string, days: number): EventBucket[] {
    const start = this.periodStart(days);
    return (this.buckets.get(projectId) ?? []).filter((b) => b.day >= start);
  }

  firstEvent(projectId: string): string | null {
    const days = (this.buckets.get(projectId) ?? []).map((b) => b.day).sort();
    return days.length > 0 ? `${days[0]}T00:00:00Z` : null;
  }
}

export class TelemetryQueryError extends Error {
  constructor(readonly body: unknown) {
    super(JSON.stringify(body));
  }
}

const PERIODS: Record<string, number> = { "14d": 14, "30d": 30 };

/** `[epoch seconds, count]` per day of the period, zero-filled (Sentry's ProjectSerializer.get_stats). */
export function dailyCounts(telemetry: EmulatedTelemetry, projectId: string, days: number, type: EventBucket["type"]) {
  const start = Date.parse(`${telemetry.periodStart(days)}T00:00:00Z`);
  const counts: [number, number][] = Array.from({ length: days }, (_, i) => [(start + i * 86_400_000) / 1000, 0]);
  for (const bucket of telemetry.inPeriod(projectId, days)) {
    if (bucket.type !== type) continue;
    counts[Math.round((Date.parse(`${bucket.day}T00:00:00Z`) - start) / 86_400_000)][1] += bucket.count;
  }
  return counts;
}

/**
 * The projects list's `statsPeriod` check (getsentry/sentry src/sentry/core/endpoints/organization_projects.py@57915b5:
 * 400 with ERR_INVALID_STATS_PERIOD unless one of '', 1h, 24h, 7d, 14d, 30d, 90d); the emulator serves the
 * daily periods the checklist can ask for.
 */
export function statsPeriodOf(query: URLSearchParams): number | undefined {
  const period = query.get("statsPeriod");
  if (period === null || period === "") return undefined;
  if (!["1h", "24h", "7d", "14d", "30d", "90d"].includes(period))
    throw new TelemetryQueryError({
      error: {
        params: {
          stats_period: {
            message: "Invalid stats_period. Valid choices are '', '1h', '24h', '7d', '14d', '30d', and '90d'",
          },
        },
      },
    });
  const days = PERIODS[period];
  if (days === undefined)
    throw new TelemetryQueryError({ detail: `the emulator serves statsPeriod 14d or 30d, not ${period}` });
  return days;
}

/**
 * `GET /organizations/{org}/stats_v2/` for transactions grouped by project, outcome and reason
 * (src/sentry/snuba/outcomes.py@006e33e QueryDefinition: a valid `field` is required, and `category` as a
 * filter or a groupBy; grouped by project there is no time series, see src/sentry/api/stats.ts).
 */
export function organizationStats(state: EmulatorState, telemetry: EmulatedTelemetry, query: URLSearchParams) {
  const field = query.get("field");
  if (field !== "sum(quantity)" && field !== "sum(times_seen)")
    throw new TelemetryQueryError({ detail: `Invalid field: "${field ?? ""}"` });
  const groupBy = query.getAll("groupBy");
  for (const key of groupBy)
    if (!["project", "outcome", "reason", "category"].includes(key))
      throw new TelemetryQueryError({ detail: `Invalid groupBy: "${key}"` });
  const categories = query.getAll("category");
  if (categories.length === 0 && !groupBy.includes("category"))
    throw new TelemetryQueryError({ detail: "Query must have category as groupby or filter" });
  const days = PERIODS[query.get("statsPeriod") ?? ""];
  if (days === undefined) throw new TelemetryQueryError({ detail: "the emulator serves statsPeriod 14d or 30d" });
  const outcomes = query.getAll("outcome");
  const wanted = (category: string, outcome: string) =>
    (categories.length === 0 || categories.includes(category)) && (outcomes.length === 0 || outcomes.includes(outcome));
  const rows: { project: string; category: string; outcome: string; reason: string; quantity: number }[] = [];
  for (const project of state.projects.values()) {
    for (const type of ["error", "transaction"] as const) {
      const accepted = telemetry
        .inPeriod(project.id, days)
        .filter((b) => b.type === type)
        .reduce((n, b) => n + b.count, 0);
      if (accepted > 0 && wanted(type, "accepted"))
        rows.push({ project: project.id, category: type, outcome: "accepted", reason: "none", quantity: accepted });
    }
    for (const d of telemetry.dropped.get(project.id) ?? [])
      if (wanted("transaction", d.outcome))
        rows.push({
          project: project.id,
          category: "transaction",
          outcome: d.outcome,
          reason: d.reason,
          quantity: d.quantity,
        });
  }
  const groups = new Map<string, { by: Record<string, string | number>; totals: Record<string, number> }>();
  for (const row of rows) {
    const by = Object.fromEntries(
      groupBy.map((key) => [key, key === "project" ? Number(row.project) : row[key as "category"]]),
    );
    const key = JSON.stringify(by);
    const group = groups.get(key) ?? { by, totals: { [field]: 0 } };
    group.totals[field] += row.quantity;
    groups.set(key, group);
  }
  const start = `${telemetry.periodStart(days)}T00:00:00Z`;
  return { start, end: new Date(telemetry.now).toISOString(), groups: [...groups.values()] };
}

/** The search terms the emulator understands: `has:`/`!has:` of these keys, joined by OR (or AND). */
const HAS_KEYS = {
  environment: (b: EventBucket) => b.hasEnvironment,
  release: (b: EventBucket) => b.hasRelease,
  "user.email": (b: EventBucket) => b.userEmails > 0,
  "user.ip": (b: EventBucket) => b.userIps > 0,
} as const;

function matcher(query: string): (b: EventBucket) => boolean {
  if (query.trim() === "") return () => true;
  const parts = query.trim().split(/\s+/);
  const terms: ((b: EventBucket) => boolean)[] = [];
  const joins: string[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      if (part !== "OR" && part !== "AND") throw new TelemetryQueryError({ detail: `Invalid query: ${query}` });
      joins.push(part);
      return;
    }
    const match = /^(!?)has:(.+)$/.exec(part);
    const test = match ? HAS_KEYS[match[2] as keyof typeof HAS_KEYS] : undefined;
    if (!match || !test)
      throw new TelemetryQueryError({ detail: `Invalid query: the emulator does not serve "${part}"` });
    terms.push(match[1] ? (b) => !test(b) : test);
  });
  if (parts.length % 2 === 0) throw new TelemetryQueryError({ detail: `Invalid query: ${query}` });
  return (b) =>
    terms.reduce(
      (value, term, i) => (i === 0 ? term(b) : joins[i - 1] === "OR" ? value || term(b) : value && term(b)),
      false,
    );
}

const EVENT_FIELDS = ["project.id", "count()", "count_unique(user.email)", "count_unique(user.ip)"];

/**
 * `GET /organizations/{org}/events/` over error events (../shared/reference/sentry-openapi.json:11575:
 * `field` required, at most 20; `dataset` required; rows grouped by the non-function fields).
 */
export function eventsQuery(state: EmulatorState, telemetry: EmulatedTelemetry, query: URLSearchParams) {
  const fields = query.getAll("field");
  if (fields.length === 0) throw new TelemetryQueryError({ detail: "No columns selected" });
  if (fields.length > 20)
    throw new TelemetryQueryError({
      detail: "You can view up to 20 fields at a time. Please delete some and try again.",
    });
  if (query.get("dataset") !== "errors")
    throw new TelemetryQueryError({ detail: "the emulator serves dataset=errors only" });
  for (const field of fields)
    if (!EVENT_FIELDS.includes(field))
      throw new TelemetryQueryError({ detail: `Invalid query: the emulator does not serve ${field}` });
  if (!fields.includes("project.id"))
    throw new TelemetryQueryError({ detail: "the emulator groups by project.id only" });
  const days = PERIODS[query.get("statsPeriod") ?? ""];
  if (days === undefined) throw new TelemetryQueryError({ detail: "the emulator serves statsPeriod 14d or 30d" });
  const matches = matcher(query.get("query") ?? "");
  const rows: Record<string, number>[] = [];
  for (const project of [...state.projects.values()].sort((a, b) => Number(a.id) - Number(b.id))) {
    const events = telemetry.inPeriod(project.id, days).filter((b) => b.type === "error" && matches(b));
    const total = events.reduce((n, b) => n + b.count, 0);
    if (total === 0) continue;
    const row: Record<string, number> = { "project.id": Number(project.id) };
    if (fields.includes("count()")) row["count()"] = total;
    // Distinct values across days are not modelled: the largest day's is the lower bound Sentry would give.
    if (fields.includes("count_unique(user.email)"))
      row["count_unique(user.email)"] = Math.max(...events.map((b) => b.userEmails));
    if (fields.includes("count_unique(user.ip)"))
      row["count_unique(user.ip)"] = Math.max(...events.map((b) => b.userIps));
    rows.push(row);
  }
  const meta = { fields: Object.fromEntries(fields.map((f) => [f, "integer"])) };
  return { rows, meta };
}
