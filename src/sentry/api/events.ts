// Event queries over a whole organization (`GET /organizations/{org}/events/`, "Query Explore Events
// in Table Format", ../shared/reference/sentry-openapi.json:11575): one row per group of the non-function fields, so
// `field=project.id` with `count()` answers for every project at once; `query` takes Sentry's search
// syntax (`has:`, `!has:`, `OR`); at most 100 rows a page (`per_page`), then `Link` cursors.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { checked, segment } from "./common";

export const EventsPage = Type.Object({
  data: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  meta: Type.Object({ fields: Type.Record(Type.String(), Type.String()) }),
});
export type EventsPage = Static<typeof EventsPage>;

export interface EventsQuery {
  dataset: "errors" | "transactions" | "spans";
  /** At most 20 fields a request. */
  field: string[];
  query?: string;
  statsPeriod: string;
  /** `-1`: every project the token can see. */
  project?: string[];
  sort?: string;
}

/** Every row of the query, page after page. */
export async function queryEvents(client: SentryClient, org: string, query: EventsQuery) {
  const params = new URLSearchParams({ dataset: query.dataset, statsPeriod: query.statsPeriod, per_page: "100" });
  for (const field of query.field) params.append("field", field);
  for (const project of query.project ?? []) params.append("project", project);
  if (query.query) params.set("query", query.query);
  if (query.sort) params.set("sort", query.sort);
  const path = `organizations/${segment(org)}/events/?${params}`;
  const rows: EventsPage["data"] = [];
  await client.eachPage(path, (body, pagePath) => {
    rows.push(...checked(client, EventsPage, body, "GET", pagePath).data);
  });
  return rows;
}
