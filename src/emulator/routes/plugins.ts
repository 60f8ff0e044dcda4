// Legacy project plugins, as provider v0.11.2 drives them: POST enables, PUT configures, GET reads
// the config fields, DELETE disables (terraform-provider-sentry-v0.11.2/resource_sentry_project_plugin.go:50-80,
// :82-122, :150-170; go-sentry-v2.2.0/project_plugins.go). Only the Webhooks plugin is installed here.
import { HttpError, notFound, type ApiRequest, type EmulatorApi } from "../http";
import type { EmulatedProject } from "../state";

/**
 * The Webhooks plugin's one setting, `urls`: one URL per line, each http(s)
 * (getsentry/sentry src/sentry_plugins/webhooks/plugin.py, stored version 1773143390, validate_urls).
 */
const WEBHOOKS_CONFIG = [
  {
    name: "urls",
    label: "Callback URLs",
    type: "textarea",
    required: false,
    help: "Enter callback URLs to POST new events to (one per line).",
    placeholder: "https://sentry.io/callback/url",
    choices: null,
    readonly: false,
    defaultValue: null,
  },
];
const PLUGINS: Record<string, { name: string; config: typeof WEBHOOKS_CONFIG }> = {
  webhooks: { name: "WebHooks", config: WEBHOOKS_CONFIG },
};

function validUrls(value: string): string | undefined {
  const urls = value
    .split("\n")
    .map((u) => u.trim())
    .filter(Boolean);
  return urls.every((u) => /^https?:\/\/[^\s/]+/.test(u)) ? urls.join("\n") : undefined;
}

export function definePluginRoutes(api: EmulatorApi): void {
  const read = ["project:read", "project:write", "project:admin"];
  const write = ["project:write", "project:admin"];

  const pluginOf = (r: ApiRequest) => {
    const project = api.project(r.params.project);
    const definition = PLUGINS[r.params.plugin];
    if (!definition) throw notFound();
    return { project, slug: r.params.plugin, definition };
  };
  const stateOf = (project: EmulatedProject, slug: string) => {
    let plugin = project.plugins.get(slug);
    if (!plugin) project.plugins.set(slug, (plugin = { enabled: false, options: {} }));
    return plugin;
  };
  const summary = (project: EmulatedProject, slug: string) => ({
    id: slug,
    slug,
    name: PLUGINS[slug].name,
    shortName: PLUGINS[slug].name,
    type: "notification",
    canDisable: true,
    isTestable: true,
    hasConfiguration: true,
    metadata: {},
    contexts: [],
    status: "unknown",
    doc: "",
    enabled: project.plugins.get(slug)?.enabled ?? false,
    isHidden: false,
  });
  // getsentry/sentry src/sentry/api/endpoints/project_plugin_details.py@3448d759: GET serializes the
  // plugin with its config fields and their values (PluginWithConfigSerializer).
  const detail = (project: EmulatedProject, slug: string) => ({
    ...summary(project, slug),
    config: PLUGINS[slug].config.map((field) => ({
      ...field,
      value: project.plugins.get(slug)?.options[field.name] ?? null,
    })),
  });

  api.route("GET", "/projects/:org/:project/plugins/", read, (r) => {
    const project = api.project(r.params.project);
    return { status: 200, body: Object.keys(PLUGINS).map((slug) => summary(project, slug)) };
  });
  api.route("GET", "/projects/:org/:project/plugins/:plugin/", read, (r) => {
    const { project, slug } = pluginOf(r);
    return { status: 200, body: detail(project, slug) };
  });
  // POST enables: 201 with no body.
  api.route("POST", "/projects/:org/:project/plugins/:plugin/", write, (r) => {
    const { project, slug } = pluginOf(r);
    stateOf(project, slug).enabled = true;
    return { status: 201 };
  });
  // DELETE disables: 204; the options stay.
  api.route("DELETE", "/projects/:org/:project/plugins/:plugin/", write, (r) => {
    const { project, slug } = pluginOf(r);
    stateOf(project, slug).enabled = false;
    return { status: 204 };
  });
  // PUT validates each config field, answers `{"errors": {field: message}}` on a bad value, stores the
  // cleaned values, and does not enable the plugin.
  api.route("PUT", "/projects/:org/:project/plugins/:plugin/", write, (r) => {
    const { project, slug, definition } = pluginOf(r);
    const cleaned: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const field of definition.config) {
      const value = r.body[field.name];
      if (field.required && !value) errors[field.name] = "This field is required.";
      const urls = validUrls(typeof value === "string" ? value : "");
      if (urls === undefined) errors[field.name] = "Not a valid URL.";
      else if (!errors[field.name]) cleaned[field.name] = urls;
    }
    if (Object.keys(errors).length > 0) throw new HttpError(400, { errors });
    Object.assign(stateOf(project, slug).options, cleaned);
    return { status: 200, body: detail(project, slug) };
  });
}
