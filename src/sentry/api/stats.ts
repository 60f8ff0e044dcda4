// Organization-wide event counts (`stats_v2`, Sentry's outcomes): one request for every project.
// Grouped by project, the answer has totals only, no time series (../shared/reference/sentry-openapi.json:33002;
// getsentry/sentry src/sentry/api/endpoints/organization_stats_v2.py OrganizationStatsEndpointV2.get skips the
// timeseries query and massage_outcomes_result removes `intervals`). src/sentry/snuba/outcomes.py@006e33e:
// `category`, `outcome` and `reason` filters take several values (QueryDefinition.get_conditions reads them
// with getlist), and the totals query stops at 10,000 rows (run_outcomes_query_totals, Limit(10000)).
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { getChecked, segment } from "./common";

/** Rows the totals query returns at most: a full answer may have been cut. */
export const OUTCOME_ROWS_LIMIT = 10_000;

export const OrganizationStats = Type.Object({
  start: Type.String(),
  end: Type.String(),
  intervals: Type.Optional(Type.Array(Type.String())),
  groups: Type.Array(
    Type.Object({
      by: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
      totals: Type.Record(Type.String(), Type.Number()),
      series: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Number()))),
    }),
  ),
});
export type OrganizationStats = Static<typeof OrganizationStats>;

export interface OrganizationStatsQuery {
  field: "sum(quantity)" | "sum(times_seen)";
  groupBy: ("project" | "category" | "outcome" | "reason")[];
  category?: string[];
  outcome?: string[];
  statsPeriod: string;
  interval?: string;
  /** `-1`: every project the token can see. */
  project?: string[];
}

export function getOrganizationStats(client: SentryClient, org: string, query: OrganizationStatsQuery) {
  const params = new URLSearchParams({ field: query.field, statsPeriod: query.statsPeriod });
  if (query.interval) params.set("interval", query.interval);
  for (const [key, values] of [
    ["groupBy", query.groupBy],
    ["category", query.category],
    ["outcome", query.outcome],
    ["project", query.project],
  ] as const)
    for (const value of values ?? []) params.append(key, value);
  return getChecked(client, `organizations/${segment(org)}/stats_v2/?${params}`, OrganizationStats);
}
