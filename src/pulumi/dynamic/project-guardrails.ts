// Privacy and hygiene settings provider 0.0.9 does not manage: the project's server-side scrubbing
// (`dataScrubber`, `dataScrubberDefaults`, `scrubIPAddresses`, `sensitiveFields`, `safeFields`) and its
// inbound filters (localhost, browser extensions, web crawlers, legacy browsers). Deleting the
// resource leaves the settings as they are: a project that leaves management keeps its scrubbing on.
import type * as pulumi from "@pulumi/pulumi";
import { listFilters, updateFilter } from "../../sentry/api/filters";
import { getProject, updateProject } from "../../sentry/api/projects";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface GuardrailsInputs {
  baseUrl: string;
  organization: string;
  project: string;
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  scrubIPAddresses: boolean;
  sensitiveFields: string[];
  safeFields: string[];
  /** Inbound filter id -> active. */
  inboundFilters: Record<string, boolean>;
}

const PRIVACY_KEYS = [
  "dataScrubber",
  "dataScrubberDefaults",
  "scrubIPAddresses",
  "sensitiveFields",
  "safeFields",
] as const;
async function apply(client: SentryClient, inputs: GuardrailsInputs): Promise<void> {
  const { organization, project } = inputs;
  await updateProject(client, organization, project, Object.fromEntries(PRIVACY_KEYS.map((k) => [k, inputs[k]])));
  for (const [filter, active] of Object.entries(inputs.inboundFilters).sort())
    await updateFilter(client, organization, project, filter, { active });
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export const projectGuardrailsProvider: pulumi.dynamic.ResourceProvider<GuardrailsInputs, GuardrailsInputs> = {
  async create(inputs) {
    await apply(sentryClientFromEnvironment(inputs.baseUrl), inputs);
    return { id: `${inputs.organization}/${inputs.project}/guardrails`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    const changed =
      olds.baseUrl !== news.baseUrl ||
      olds.dataScrubber !== news.dataScrubber ||
      olds.dataScrubberDefaults !== news.dataScrubberDefaults ||
      olds.scrubIPAddresses !== news.scrubIPAddresses ||
      !sameSet(olds.sensitiveFields, news.sensitiveFields) ||
      !sameSet(olds.safeFields, news.safeFields) ||
      JSON.stringify(Object.entries(olds.inboundFilters).sort()) !==
        JSON.stringify(Object.entries(news.inboundFilters).sort());
    return { changes: replaces.length > 0 || changed, replaces };
  },
  async update(_id, _olds, news) {
    await apply(sentryClientFromEnvironment(news.baseUrl), news);
    return { outs: news };
  },
  /** What Sentry has now, so that a refresh shows a manual change and the next update undoes it. */
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const project = await getProject(client, props!.organization, props!.project);
    const filters = await listFilters(client, props!.organization, props!.project);
    const active = new Map(filters.map((f) => [f.id, Array.isArray(f.active) ? f.active.length > 0 : f.active]));
    return {
      id,
      props: {
        ...props!,
        ...Object.fromEntries(PRIVACY_KEYS.map((k) => [k, project[k]])),
        inboundFilters: Object.fromEntries(Object.keys(props!.inboundFilters).map((f) => [f, active.get(f) ?? false])),
      },
    };
  },
  async delete() {
    // Intentionally nothing: see the file comment.
  },
};
