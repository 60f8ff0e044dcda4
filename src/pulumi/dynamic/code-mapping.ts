// The code mapping of one project (how Sentry links stack frames to the repository), managed here
// rather than by provider v0.11.2's `SentryOrganizationCodeMapping`, which cannot work with the deploy
// token. Its read lists the mappings without `project` (resource_sentry_organization_code_mappings.go:115-134,
// go-sentry organization_code_mappings.go:29-32), and Sentry limits such a list to the projects of the
// token user's teams: on import on every release (the import has no `integrationId`, same provider file
// 104-108; getsentry/sentry src/sentry/integrations/api/endpoints/organization_code_mappings.py@1d0e709c,
// `get`), and on every read since Sentry filters lists with `integrationId` too (same file @c7ee81d7:164-186,
// getsentry/sentry#105607, January 2026). The deploy token's user is a dedicated account in no team
// (TeamDefaults takes it out of each team the program creates), so the provider could neither import a
// live mapping nor, on newer releases, read back one it created.
//
// This resource lists the mappings of its integration with `project=-1`: every project the token's user
// can access (all of them for the owner the deploy token belongs to), which both releases answer in
// full (older ones ignore `project` when `integrationId` is given). On creation it adopts the live
// mapping of the project with the same stack root (Sentry allows one per project and stack root, same
// file, `validate`), updating it if it differs, else creates one: adoption needs no import ID and the
// mapping keeps its id. It is deleted with the resource.
import type * as pulumi from "@pulumi/pulumi";
import {
  createCodeMapping,
  deleteCodeMapping,
  listCodeMappings,
  updateCodeMapping,
  type CodeMapping,
} from "../../sentry/api/integrations";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface CodeMappingInputs {
  baseUrl: string;
  organization: string;
  /** `SentryProject.internalId`. */
  projectId: string;
  /** The Sentry integration of the repository (the stack's, e.g. GitHub `3`). */
  integrationId: string;
  /** `SentryOrganizationRepositoryGithub.internalId`. */
  repositoryId: string;
  defaultBranch: string;
  stackRoot: string;
  sourceRoot: string;
}

/** What the mapping says in Sentry, in the inputs' terms. */
const fieldsOf = (mapping: CodeMapping) => ({
  projectId: mapping.projectId,
  integrationId: mapping.integrationId ?? "",
  repositoryId: mapping.repoId,
  defaultBranch: mapping.defaultBranch ?? "",
  stackRoot: mapping.stackRoot,
  sourceRoot: mapping.sourceRoot,
});

const bodyOf = (inputs: CodeMappingInputs) => ({
  projectId: inputs.projectId,
  integrationId: inputs.integrationId,
  repositoryId: inputs.repositoryId,
  defaultBranch: inputs.defaultBranch,
  stackRoot: inputs.stackRoot,
  sourceRoot: inputs.sourceRoot,
});

/**
 * Fields Sentry cannot change in place (the details endpoint keeps the mapping's integration:
 * getsentry/sentry src/sentry/integrations/api/endpoints/organization_code_mapping_details.py@0b7cbc2b, `put`).
 */
const REPLACING = ["organization", "projectId", "integrationId"] as const;
/** Fields a PUT sets. */
const MAPPED = ["repositoryId", "defaultBranch", "stackRoot", "sourceRoot"] as const;

const mappingsOf = (client: SentryClient, inputs: CodeMappingInputs) =>
  listCodeMappings(client, inputs.organization, inputs.integrationId);

export const codeMappingProvider: pulumi.dynamic.ResourceProvider<CodeMappingInputs, CodeMappingInputs> = {
  async create(inputs) {
    const client = sentryClientFromEnvironment(inputs.baseUrl);
    const live = (await mappingsOf(client, inputs)).find(
      (m) => m.projectId === inputs.projectId && m.stackRoot === inputs.stackRoot,
    );
    const mapping = !live
      ? await createCodeMapping(client, inputs.organization, bodyOf(inputs))
      : MAPPED.every((k) => fieldsOf(live)[k] === inputs[k])
        ? live
        : await updateCodeMapping(client, inputs.organization, live.id, bodyOf(inputs));
    return { id: mapping.id, outs: { ...inputs, ...fieldsOf(mapping) } };
  },
  async diff(_id, olds, news) {
    const replaces = REPLACING.filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.baseUrl !== news.baseUrl || MAPPED.some((k) => olds[k] !== news[k]);
    // Sentry refuses a second mapping with the same project and stack root: the old one goes first.
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async update(id, _olds, news) {
    const client = sentryClientFromEnvironment(news.baseUrl);
    const mapping = await updateCodeMapping(client, news.organization, id, bodyOf(news));
    return { outs: { ...news, ...fieldsOf(mapping) } };
  },
  /** The mapping as Sentry has it; a blank id when it is gone (deleted by hand, or with its project). */
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const mapping = (await mappingsOf(client, props!)).find((m) => m.id === id);
    return mapping ? { id, props: { ...props!, ...fieldsOf(mapping) } } : { id: "" };
  },
  async delete(id, props) {
    await deleteCodeMapping(sentryClientFromEnvironment(props.baseUrl), props.organization, id);
  },
};
