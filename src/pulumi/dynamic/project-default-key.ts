// Sentry creates a client key named "Default" with every project. Provider 0.0.9 can only create
// *another* key, so this dynamic resource adopts the default one instead: it applies the stack's rate
// limit to it and exposes its public DSN. Deleting it does nothing: the key lives and dies with its
// project (which is retained on delete), and deleting keys would break deployed applications.
import * as pulumi from "@pulumi/pulumi";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface DefaultKeyInputs {
  baseUrl: string;
  organization: string;
  project: string;
  rateLimitCount: number;
  rateLimitWindow: number;
}

export interface DefaultKeyOutputs extends DefaultKeyInputs {
  keyId: string;
  dsnPublic: string;
}

interface SentryKey {
  id: string;
  name: string;
  isActive: boolean;
  dateCreated: string;
  dsn: { public: string };
  rateLimit: { window: number; count: number } | null;
}

async function adoptDefaultKey(client: SentryClient, inputs: DefaultKeyInputs): Promise<DefaultKeyOutputs> {
  const base = `projects/${encodeURIComponent(inputs.organization)}/${encodeURIComponent(inputs.project)}/keys/`;
  const keys = await client.list<SentryKey>(base);
  const byAge = [...keys].sort((a, b) => a.dateCreated.localeCompare(b.dateCreated));
  const key = byAge.find((k) => k.name === "Default" && k.isActive) ?? byAge.find((k) => k.isActive);
  if (!key) throw new Error(`project ${inputs.organization}/${inputs.project} has no active client key to adopt`);
  const updated = await client.put<SentryKey>(`${base}${key.id}/`, {
    rateLimit: { count: inputs.rateLimitCount, window: inputs.rateLimitWindow },
  });
  return { ...inputs, keyId: updated.id, dsnPublic: updated.dsn.public };
}

export const projectDefaultKeyProvider: pulumi.dynamic.ResourceProvider<DefaultKeyInputs, DefaultKeyOutputs> = {
  async create(inputs) {
    const outs = await adoptDefaultKey(sentryClientFromEnvironment(inputs.baseUrl), inputs);
    return { id: `${inputs.organization}/${inputs.project}/${outs.keyId}`, outs };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.rateLimitCount !== news.rateLimitCount || olds.rateLimitWindow !== news.rateLimitWindow || olds.baseUrl !== news.baseUrl;
    return { changes, replaces, deleteBeforeReplace: false };
  },
  async update(_id, _olds, news) {
    return { outs: await adoptDefaultKey(sentryClientFromEnvironment(news.baseUrl), news) };
  },
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const key = await client.get<SentryKey>(`projects/${encodeURIComponent(props!.organization)}/${encodeURIComponent(props!.project)}/keys/${props!.keyId}/`);
    return { id, props: { ...props!, dsnPublic: key.dsn.public, rateLimitCount: key.rateLimit?.count ?? 0, rateLimitWindow: key.rateLimit?.window ?? 0 } };
  },
  async delete() {
    // Intentionally nothing: see the file comment.
  },
};

export type ProjectDefaultKeyArgs = { [K in keyof DefaultKeyInputs]: pulumi.Input<DefaultKeyInputs[K]> };

export class ProjectDefaultKey extends pulumi.dynamic.Resource {
  declare readonly keyId: pulumi.Output<string>;
  declare readonly dsnPublic: pulumi.Output<string>;

  constructor(name: string, args: ProjectDefaultKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(projectDefaultKeyProvider, name, { ...args, keyId: undefined, dsnPublic: undefined }, opts, "sentry-incubateur", "ProjectDefaultKey");
  }
}
