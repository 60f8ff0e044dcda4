// Inbound data filters of a project.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { segment, getChecked } from "./common";

export const InboundFilter = Type.Object({
  id: Type.String(),
  /** `legacy-browsers` reads back as the list of its active subfilters. */
  active: Type.Union([Type.Boolean(), Type.Array(Type.String())]),
});
export type InboundFilter = Static<typeof InboundFilter>;

const filtersPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/filters/`;

/** Not paginated: one array. */
export const listFilters = (client: SentryClient, org: string, project: string) =>
  getChecked(client, filtersPath(org, project), Type.Array(InboundFilter));

export const updateFilter = (
  client: SentryClient,
  org: string,
  project: string,
  filter: string,
  body: { active: boolean } | { subfilters: string[] },
) => client.put(`${filtersPath(org, project)}${segment(filter)}/`, body);
