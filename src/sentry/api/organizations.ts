// The API root and the organization itself.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, getChecked } from "./common";

/** `GET /api/0/`: who the token is and what it may do. */
export const ApiIndex = Type.Object({
  version: Type.String(),
  auth: Nullable(Type.Object({ scopes: Type.Array(Type.String()) })),
  user: Nullable(Type.Object({ id: SentryId, username: Type.String(), email: Type.String() })),
});
export type ApiIndex = Static<typeof ApiIndex>;

export const Organization = Type.Object({
  id: SentryId,
  slug: Type.String(),
  name: Type.String(),
  /** Feature flags on for this organization, e.g. `organizations:team-roles`. */
  features: Type.Array(Type.String()),
});
export type Organization = Static<typeof Organization>;

export const getApiIndex = (client: SentryClient) => getChecked(client, "", ApiIndex);

export const getOrganization = (client: SentryClient, org: string) =>
  getChecked(client, `organizations/${segment(org)}/`, Organization);
