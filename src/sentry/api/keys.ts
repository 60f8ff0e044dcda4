// Client keys (DSNs) of a project, addressed by their public key.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, segment, getChecked, listChecked, postChecked, putChecked } from "./common";

export const KeyRateLimit = Type.Object({ window: Type.Integer(), count: Type.Integer() });
export type KeyRateLimit = Static<typeof KeyRateLimit>;

export const ProjectKey = Type.Object({
  /** The public key. */
  id: Type.String(),
  name: Type.String(),
  projectId: Type.Integer(),
  isActive: Type.Boolean(),
  dateCreated: Type.String(),
  /** Null when no limit is set (Sentry stores one only when both values are non-zero). */
  rateLimit: Nullable(KeyRateLimit),
  dsn: Type.Object({ public: Type.String(), secret: Type.String() }),
});
export type ProjectKey = Static<typeof ProjectKey>;

export interface KeyUpdate {
  name?: string;
  isActive?: boolean;
  rateLimit?: KeyRateLimit | null;
}

const keysPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/keys/`;

export const listKeys = (client: SentryClient, org: string, project: string) =>
  listChecked(client, keysPath(org, project), ProjectKey);

export const getKey = (client: SentryClient, org: string, project: string, key: string) =>
  getChecked(client, `${keysPath(org, project)}${segment(key)}/`, ProjectKey);

export const createKey = (client: SentryClient, org: string, project: string, body: KeyUpdate) =>
  postChecked(client, keysPath(org, project), body, ProjectKey);

export const updateKey = (client: SentryClient, org: string, project: string, key: string, body: KeyUpdate) =>
  putChecked(client, `${keysPath(org, project)}${segment(key)}/`, body, ProjectKey);

export const deleteKey = (client: SentryClient, org: string, project: string, key: string) =>
  client.delete(`${keysPath(org, project)}${segment(key)}/`);
