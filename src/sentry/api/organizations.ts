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
  /**
   * Organization features on for this organization, without their `organizations:` prefix (`team-roles`),
   * only those registered with `api_expose` (getsentry/sentry src/sentry/api/serializers/models/organization.py,
   * stored version 1316089045, `get_feature_set`).
   */
  features: Type.Array(Type.String()),
});
export type Organization = Static<typeof Organization>;

/**
 * `GET /api/client-config/`, outside the versioned API and open without a token: what the web UI boots
 * with, among it the running release as `version.current` (getsentry/sentry src/sentry/web/urls.py@00901327
 * `api/client-config/`; src/sentry/web/client_config.py@01f6c0f7 `_get_version_info`).
 */
export const ClientConfig = Type.Object({
  version: Type.Object({ current: Type.String() }),
});
export type ClientConfig = Static<typeof ClientConfig>;

export const getApiIndex = (client: SentryClient) => getChecked(client, "", ApiIndex);

/** The client prefixes `0/`; `../` reaches the unversioned `/api/` (URL resolution drops the `0/`). */
export const getClientConfig = (client: SentryClient) => getChecked(client, "../client-config/", ClientConfig);

export const getOrganization = (client: SentryClient, org: string) =>
  getChecked(client, `organizations/${segment(org)}/`, Organization);
