// Legacy project plugins (the Webhooks plugin that the Mattermost bridge relies on).
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { segment, getChecked, putChecked } from "./common";

export const Plugin = Type.Object({
  /** The plugin slug, e.g. `webhooks`. */
  id: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
});
export type Plugin = Static<typeof Plugin>;

export const PluginConfigField = Type.Object({ name: Type.String(), value: Type.Unknown() });

/** `GET|PUT /projects/{org}/{project}/plugins/{plugin}/`: the plugin with its configuration fields. */
export const PluginDetail = Type.Composite([Plugin, Type.Object({ config: Type.Array(PluginConfigField) })]);
export type PluginDetail = Static<typeof PluginDetail>;

const pluginsPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/plugins/`;

/** Not paginated: one array. */
export const listPlugins = (client: SentryClient, org: string, project: string) =>
  getChecked(client, pluginsPath(org, project), Type.Array(Plugin));

export const getPlugin = (client: SentryClient, org: string, project: string, plugin: string) =>
  getChecked(client, `${pluginsPath(org, project)}${segment(plugin)}/`, PluginDetail);

export const enablePlugin = (client: SentryClient, org: string, project: string, plugin: string) =>
  client.post(`${pluginsPath(org, project)}${segment(plugin)}/`);

/** Plugin options, e.g. `{urls: "https://..."}` for webhooks (one URL per line). */
export const configurePlugin = (
  client: SentryClient,
  org: string,
  project: string,
  plugin: string,
  config: Record<string, string>,
) => putChecked(client, `${pluginsPath(org, project)}${segment(plugin)}/`, config, PluginDetail);

export const disablePlugin = (client: SentryClient, org: string, project: string, plugin: string) =>
  client.delete(`${pluginsPath(org, project)}${segment(plugin)}/`);
