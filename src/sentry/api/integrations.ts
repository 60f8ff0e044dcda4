// Integrations (the GitHub App installation), repositories and code mappings.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, listChecked, postChecked, putChecked } from "./common";

export const Integration = Type.Object({
  id: SentryId,
  /** For GitHub: the GitHub organisation or account. */
  name: Type.String(),
  status: Type.String(),
  externalId: Type.String(),
  provider: Type.Object({ key: Type.String() }),
});
export type Integration = Static<typeof Integration>;

export const Repository = Type.Object({
  id: SentryId,
  /** `owner/name`. */
  name: Type.String(),
  status: Type.String(),
  /** Null for repositories linked without an integration. */
  integrationId: Nullable(SentryId),
});
export type Repository = Static<typeof Repository>;

export const CodeMapping = Type.Object({
  id: SentryId,
  projectId: SentryId,
  projectSlug: Type.String(),
  repoId: SentryId,
  repoName: Type.String(),
  integrationId: Nullable(SentryId),
  stackRoot: Type.String(),
  sourceRoot: Type.String(),
  defaultBranch: Nullable(Type.String()),
});
export type CodeMapping = Static<typeof CodeMapping>;

export interface CodeMappingBody {
  projectId: string;
  repositoryId: string;
  integrationId: string;
  stackRoot: string;
  sourceRoot: string;
  defaultBranch: string;
}

const orgPath = (org: string) => `organizations/${segment(org)}/`;

export const listIntegrations = (client: SentryClient, org: string, providerKey: string) =>
  listChecked(client, `${orgPath(org)}integrations/?${new URLSearchParams({ providerKey })}`, Integration);

export const listRepositories = (client: SentryClient, org: string, status = "active") =>
  listChecked(client, `${orgPath(org)}repos/?${new URLSearchParams({ status })}`, Repository);

export const addGithubRepository = (client: SentryClient, org: string, integrationId: string, identifier: string) =>
  postChecked(
    client,
    `${orgPath(org)}repos/`,
    { provider: "integrations:github", installation: integrationId, identifier },
    Repository,
  );

export const deleteRepository = (client: SentryClient, org: string, repository: string) =>
  client.delete(`${orgPath(org)}repos/${segment(repository)}/`);

/**
 * Every code mapping of an integration. Sentry lists only the mappings of projects the token's user is
 * a member of unless asked for `project=-1` (every project it can access: all of them for an owner or
 * manager); older releases ignored `project` when `integrationId` was given and listed them all.
 */
export const listCodeMappings = (client: SentryClient, org: string, integrationId: string) =>
  listChecked(
    client,
    `${orgPath(org)}code-mappings/?${new URLSearchParams({ integrationId, project: "-1" })}`,
    CodeMapping,
  );

export const createCodeMapping = (client: SentryClient, org: string, body: CodeMappingBody) =>
  postChecked(client, `${orgPath(org)}code-mappings/`, body, CodeMapping);

export const updateCodeMapping = (client: SentryClient, org: string, mapping: string, body: CodeMappingBody) =>
  putChecked(client, `${orgPath(org)}code-mappings/${segment(mapping)}/`, body, CodeMapping);

export const deleteCodeMapping = (client: SentryClient, org: string, mapping: string) =>
  client.delete(`${orgPath(org)}code-mappings/${segment(mapping)}/`);
