// The organization-wide read-only endpoints the checklist reads: users with the projects they reach,
// every alert rule, transaction outcomes grouped by project, and error queries grouped by project, over
// the emulated telemetry (telemetry.ts). Each answers as Sentry does for the query forms the checklist
// sends (sources cited per route); other forms get a 400 rather than a made-up answer.
import { HttpError, READ_ORG, requestedProjects, type EmulatorApi } from "../http";
import { memberBody, ruleBody } from "../serialize";
import type { EmulatedProject } from "../state";
import type { EventBucket } from "../telemetry";

/** The periods the emulator serves, in days; Sentry accepts more (routes/projects.ts checks Sentry's list). */
const SERVED_PERIODS: Record<string, number> = { "14d": 14, "30d": 30 };

export function servedPeriodDays(period: string | null): number {
  const days = SERVED_PERIODS[period ?? ""];
  if (days === undefined)
    throw new HttpError(400, { detail: `the emulator serves statsPeriod 14d or 30d, not ${period ?? "none"}` });
  return days;
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
  const invalid = (detail: string) => new HttpError(400, { detail });
  const parts = query.trim().split(/\s+/);
  const terms: ((b: EventBucket) => boolean)[] = [];
  const joins: string[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      if (part !== "OR" && part !== "AND") throw invalid(`Invalid query: ${query}`);
      joins.push(part);
      return;
    }
    const match = /^(!?)has:(.+)$/.exec(part);
    const test = match ? HAS_KEYS[match[2] as keyof typeof HAS_KEYS] : undefined;
    if (!match || !test) throw invalid(`Invalid query: the emulator does not serve "${part}"`);
    terms.push(match[1] ? (b) => !test(b) : test);
  });
  if (parts.length % 2 === 0) throw invalid(`Invalid query: ${query}`);
  return (b) =>
    terms.reduce(
      (value, term, i) => (i === 0 ? term(b) : joins[i - 1] === "OR" ? value || term(b) : value && term(b)),
      false,
    );
}

const EVENT_FIELDS = ["project.id", "count()", "count_unique(user.email)", "count_unique(user.ip)"];

export function defineChecklistRoutes(api: EmulatorApi): void {
  const s = api.state;
  const telemetry = s.telemetry;
  // OrganizationEventPermission (getsentry/sentry src/sentry/api/bases/organization.py@1598a7cf): GET needs event:read.
  const readEvents = ["event:read", "event:write", "event:admin"];

  // Accepted members (`user_is_active`) in a team of the listed projects, by e-mail, each with the slugs
  // of those projects its teams reach, sorted; not paginated (getsentry/sentry
  // src/sentry/api/endpoints/organization_users.py@08addb45 `get`, OrganizationMemberWithProjectsSerializer).
  api.route("GET", "/organizations/:org/users/", READ_ORG, (r) => {
    const projects = requestedProjects(s, r);
    const users = [...s.members.values()]
      .filter((m) => m.userId !== null)
      .sort((a, b) => s.memberEmail(a).localeCompare(s.memberEmail(b)))
      .map((m) => ({
        ...memberBody(s, m),
        projects: projects
          .filter((p) => p.teamIds.some((id) => m.teamRoles.has(id)))
          .map((p) => p.slug)
          .sort(),
      }))
      .filter((user) => user.projects.length > 0);
    return { status: 200, body: users };
  });

  // Issue rules of the listed projects, newest first, 25 a page by default (getsentry/sentry
  // src/sentry/incidents/endpoints/organization_alert_rule_index.py@6538658 OrganizationCombinedRuleIndexEndpoint,
  // CombinedRuleSerializer: issue rules carry `type: "rule"`). The emulator has no metric alerts or monitors.
  api.route("GET", "/organizations/:org/combined-rules/", READ_ORG, (r) => {
    const projects = new Set(requestedProjects(s, r).map((p) => p.id));
    const rules = [...s.rules.values()]
      .filter((rule) => projects.has(rule.projectId))
      .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated))
      .map((rule) => ({ ...ruleBody(s, rule), type: "rule" }));
    return api.page(r, rules, 25);
  });

  // Transaction and error outcomes grouped by project, outcome and reason (getsentry/sentry
  // src/sentry/snuba/outcomes.py@006e33e QueryDefinition: a valid `field` is required, and `category` as a
  // filter or a groupBy; `category`, `outcome` and `reason` filters take several values; grouped by project
  // there is no time series, see src/sentry/api/stats.ts).
  api.route("GET", "/organizations/:org/stats_v2/", readEvents, (r) => {
    const field = r.query.get("field");
    if (field !== "sum(quantity)" && field !== "sum(times_seen)")
      throw new HttpError(400, { detail: `Invalid field: "${field ?? ""}"` });
    const groupBy = r.query.getAll("groupBy");
    for (const key of groupBy)
      if (!["project", "outcome", "reason", "category"].includes(key))
        throw new HttpError(400, { detail: `Invalid groupBy: "${key}"` });
    const categories = r.query.getAll("category");
    if (categories.length === 0 && !groupBy.includes("category"))
      throw new HttpError(400, { detail: "Query must have category as groupby or filter" });
    const days = servedPeriodDays(r.query.get("statsPeriod"));
    const outcomes = r.query.getAll("outcome");
    const wanted = (category: string, outcome: string) =>
      (categories.length === 0 || categories.includes(category)) &&
      (outcomes.length === 0 || outcomes.includes(outcome));
    const rows: { project: string; category: string; outcome: string; reason: string; quantity: number }[] = [];
    for (const project of requestedProjects(s, r)) {
      for (const type of ["error", "transaction"] as const) {
        const accepted = telemetry
          .inPeriod(project.id, days)
          .filter((b) => b.type === type)
          .reduce((n, b) => n + b.count, 0);
        if (accepted > 0 && wanted(type, "accepted"))
          rows.push({ project: project.id, category: type, outcome: "accepted", reason: "none", quantity: accepted });
      }
      for (const d of telemetry.dropped.get(project.id) ?? [])
        if (wanted("transaction", d.outcome)) rows.push({ project: project.id, category: "transaction", ...d });
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
    return {
      status: 200,
      body: { start, end: new Date(telemetry.now).toISOString(), groups: [...groups.values()] },
    };
  });

  // Error events grouped by the non-function fields, here `project.id` (../shared/reference/sentry-openapi.json:11575
  // "Query Explore Events in Table Format": `field` required, at most 20; `dataset` required), in pages of rows.
  api.route("GET", "/organizations/:org/events/", readEvents, (r) => {
    const fields = r.query.getAll("field");
    const invalid = (detail: string) => new HttpError(400, { detail });
    if (fields.length === 0) throw invalid("No columns selected");
    if (fields.length > 20) throw invalid("You can view up to 20 fields at a time. Please delete some and try again.");
    if (r.query.get("dataset") !== "errors") throw invalid("the emulator serves dataset=errors only");
    for (const field of fields)
      if (!EVENT_FIELDS.includes(field)) throw invalid(`Invalid query: the emulator does not serve ${field}`);
    if (!fields.includes("project.id")) throw invalid("the emulator groups by project.id only");
    const days = servedPeriodDays(r.query.get("statsPeriod"));
    const matches = matcher(r.query.get("query") ?? "");
    const byId = (a: EmulatedProject, b: EmulatedProject) => Number(a.id) - Number(b.id);
    const rows: Record<string, number>[] = [];
    for (const project of requestedProjects(s, r).sort(byId)) {
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
    const page = api.page(r, rows);
    return {
      ...page,
      body: { data: page.body, meta: { fields: Object.fromEntries(fields.map((f) => [f, "integer"])) } },
    };
  });
}
