// The resources of terraform-provider-sentry v0.11.2 that the program declares, ported from
// ../shared/reference/terraform-provider-sentry-v0.11.2/ with the requests of go-sentry v2.2.0
// (../shared/reference/go-sentry-v2.2.0/): same requests, same bodies, same order, same mapping of
// responses to state. `file:line` below is in those two folders.
import type { TfResource } from "../tf/bridge";
import type { ResourceData } from "../tf/resource-data";
import { setList, stringInSlice, stringLenBetween, type TfSchemaMap, type TfValue } from "../tf/schema";
import { goString, isNotFound, type GoSentryClient, type Json } from "./go-sentry";

type Resource = TfResource<GoSentryClient>;
type Obj = Record<string, unknown>;

const esc = (s: TfValue) => String(s);

/** helpers.go:18-24 splitTwoPartID. */
function splitTwoPartID(id: string, a: string, b: string): [string, string] {
  const i = id.indexOf("/");
  const parts = i < 0 ? [id] : [id.slice(0, i), id.slice(i + 1)];
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "")
    throw new Error(`unexpected format of ID (${id}), expected ${a}/${b}`);
  return [parts[0], parts[1]];
}

/** helpers.go:30-36 splitThreePartID. */
function splitThreePartID(id: string, a: string, b: string, c: string): [string, string, string] {
  const first = id.indexOf("/");
  const second = first < 0 ? -1 : id.indexOf("/", first + 1);
  const parts = second < 0 ? [] : [id.slice(0, first), id.slice(first + 1, second), id.slice(second + 1)];
  if (parts.length !== 3 || parts.some((p) => p === ""))
    throw new Error(`unexpected format of ID (${id}), expected ${a}/${b}/${c}`);
  return parts as [string, string, string];
}

/** importer.go:10-22 importOrganizationAndID. */
async function importOrganizationAndID(d: ResourceData): Promise<ResourceData[]> {
  const [org, id] = splitTwoPartID(d.id(), "organization-slug", "id");
  d.set("organization", org);
  d.setId(id);
  return [d];
}

/** importer.go:24-40 importOrganizationProjectAndID. */
async function importOrganizationProjectAndID(d: ResourceData): Promise<ResourceData[]> {
  const [org, project, id] = splitThreePartID(d.id(), "organization-slug", "project-slug", "id");
  d.set("organization", org);
  d.set("project", project);
  d.setId(id);
  return [d];
}

/** helpers.go:105-121 checkClientGet: a 404 empties the ID (the resource is gone), other errors fail. */
async function getOrGone<T>(d: ResourceData, request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (isNotFound(error)) {
      d.setId("");
      return undefined;
    }
    throw error;
  }
}

// --- sentry_team (resource_sentry_team.go) ---------------------------------------------------------

const teamSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  name: { type: "string", required: true },
  slug: { type: "string", optional: true, computed: true },
  internal_id: { type: "string", computed: true },
  has_access: { type: "bool", computed: true },
  is_pending: { type: "bool", computed: true },
  is_member: { type: "bool", computed: true },
  team_id: { type: "string", computed: true },
};

async function teamRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_team.go:91-121; teams.go:49-62.
  const org = d.get("organization");
  const team = await getOrGone(d, async () => (await client.do<Obj>("GET", `0/teams/${esc(org)}/${d.id()}/`)).body);
  if (!team) return;
  d.set("organization", org);
  d.set("name", team.name);
  d.set("slug", team.slug);
  d.set("internal_id", team.id);
  d.set("has_access", team.hasAccess);
  d.set("is_pending", team.isPending);
  d.set("is_member", team.isMember);
  d.set("team_id", team.id);
}

export const sentryTeam: Resource = {
  token: "sentry:index/sentryTeam:SentryTeam",
  schema: teamSchema,
  async create(d, client) {
    // resource_sentry_team.go:70-89; teams.go:65-85 (CreateTeamParams, `omitempty` pointers).
    const body: Obj = { name: d.get("name") };
    const [slug, ok] = d.getOk("slug");
    if (ok) body.slug = slug;
    const team = (
      await client.do<Obj>("POST", `0/organizations/${esc(d.get("organization"))}/teams/`, { body: body as Json })
    ).body;
    d.setId(String(team.slug));
    await teamRead(d, client);
  },
  read: teamRead,
  async update(d, client) {
    // resource_sentry_team.go:123-141: name and slug are always sent (non-nil pointers).
    const team = (
      await client.do<Obj>("PUT", `0/teams/${esc(d.get("organization"))}/${d.id()}/`, {
        body: { name: d.get("name") as string, slug: d.get("slug") as string },
      })
    ).body;
    d.setId(String(team.slug));
    await teamRead(d, client);
  },
  async delete(d, client) {
    await client.do("DELETE", `0/teams/${esc(d.get("organization"))}/${d.id()}/`);
  },
  importer: importOrganizationAndID,
};

// --- sentry_project (resource_sentry_project.go) ---------------------------------------------------

const projectSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  team: { type: "string", optional: true },
  teams: { type: "set", elem: { type: "string" }, optional: true },
  name: { type: "string", required: true },
  slug: { type: "string", optional: true, computed: true },
  // `ValidateDiagFunc: validatePlatform` (fetches docs.sentry.io, lines 350-390) is not replayed: no network here.
  platform: { type: "string", optional: true, computed: true },
  internal_id: { type: "string", computed: true },
  is_public: { type: "bool", computed: true },
  is_bookmarked: { type: "bool", computed: true },
  color: { type: "string", computed: true },
  features: { type: "list", elem: { type: "string" }, computed: true },
  status: { type: "string", computed: true },
  digests_min_delay: { type: "int", computed: true, optional: true },
  digests_max_delay: { type: "int", computed: true, optional: true },
  resolve_age: { type: "int", optional: true, computed: true },
  project_id: { type: "string", computed: true },
};

async function projectRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_project.go:176-225; projects.go:233-246.
  const org = d.get("organization");
  const project = await getOrGone(
    d,
    async () => (await client.do<Obj>("GET", `0/projects/${esc(org)}/${d.id()}/`)).body,
  );
  if (!project) return;
  d.setId(String(project.slug));
  d.set("organization", (project.organization as Obj | undefined)?.slug ?? "");
  d.set("name", project.name);
  d.set("slug", project.slug);
  d.set("platform", project.platform ?? "");
  d.set("internal_id", project.id);
  d.set("is_public", project.isPublic ?? false);
  d.set("color", project.color ?? "");
  d.set("features", project.features ?? []);
  d.set("status", project.status ?? "");
  d.set("digests_min_delay", project.digestsMinDelay ?? 0);
  d.set("digests_max_delay", project.digestsMaxDelay ?? 0);
  d.set("resolve_age", project.resolveAge ?? 0);
  d.set("project_id", project.id);
  if (d.getOk("team")[1]) d.set("team", ((project.team as Obj | null) ?? {}).slug ?? "");
  else
    d.set(
      "teams",
      ((project.teams as Obj[]) ?? []).map((t) => t.slug),
    );
}

async function projectUpdate(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_project.go:227-329; projects.go:272-300 (UpdateProjectParams, `omitempty`).
  const project = d.id();
  const org = esc(d.get("organization"));
  const body: Obj = {};
  if (d.get("name") !== "") body.name = d.get("name");
  if (d.get("slug") !== "") body.slug = d.get("slug");
  if (d.get("platform") !== "") body.platform = d.get("platform");
  for (const [key, field] of [
    ["digests_min_delay", "digestsMinDelay"],
    ["digests_max_delay", "digestsMaxDelay"],
    ["resolve_age", "resolveAge"],
  ]) {
    const [value, ok] = d.getOk(key);
    if (ok) body[field] = value;
  }
  const updated = (await client.do<Obj>("PUT", `0/projects/${org}/${project}/`, { body: body as Json })).body;
  d.setId(String(updated.slug));

  const oldTeams = new Set<string>();
  const newTeams = new Set<string>();
  if (d.hasChange("team")) {
    const [o, n] = d.getChange("team");
    if (o !== "") oldTeams.add(String(o));
    if (n !== "") newTeams.add(String(n));
  }
  if (d.hasChange("teams")) {
    const [o, n] = d.getChange("teams");
    for (const t of o as string[]) if (t !== "") oldTeams.add(t);
    for (const t of n as string[]) if (t !== "") newTeams.add(t);
  }
  for (const t of newTeams) oldTeams.delete(t);
  // Go ranges over maps in random order; sorted here so that replays are reproducible.
  for (const team of [...newTeams].sort()) await client.do("POST", `0/projects/${org}/${project}/teams/${team}/`);
  for (const team of [...oldTeams].sort()) {
    try {
      await client.do("DELETE", `0/projects/${org}/${project}/teams/${team}/`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  await projectRead(d, client);
}

export const sentryProject: Resource = {
  token: "sentry:index/sentryProject:SentryProject",
  schema: projectSchema,
  async create(d, client) {
    // resource_sentry_project.go:129-174; projects.go:249-269.
    const [team, teamOk] = d.getOk("team");
    const [teams, teamsOk] = d.getOk("teams");
    if (!teamOk && !teamsOk) throw new Error("one of team or teams must be configured");
    // `teams.(*schema.Set).List()[0]`: the first in hash-code order, not the order written.
    const initialTeam = teamOk ? String(team) : setList(teams as string[])[0];
    const body: Obj = { name: d.get("name") };
    if (d.get("slug") !== "") body.slug = d.get("slug");
    const project = (
      await client.do<Obj>("POST", `0/teams/${esc(d.get("organization"))}/${initialTeam}/projects/`, {
        body: body as Json,
      })
    ).body;
    d.setId(String(project.slug));
    await projectUpdate(d, client);
  },
  read: projectRead,
  update: projectUpdate,
  async delete(d, client) {
    await client.do("DELETE", `0/projects/${esc(d.get("organization"))}/${d.id()}/`);
  },
  importer: importOrganizationAndID,
};

// --- sentry_organization_member (resource_sentry_organization_member.go) ---------------------------

const memberSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  email: { type: "string", required: true },
  role: { type: "string", required: true },
  teams: { type: "list", elem: { type: "string" }, optional: true },
  internal_id: { type: "string", computed: true },
  pending: { type: "bool", computed: true },
  expired: { type: "bool", computed: true },
};

/** helpers.go:95-103 expandStringList: non-empty strings. */
const expandStringList = (values: TfValue) => (values as string[]).filter((v) => typeof v === "string" && v !== "");

async function memberRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_organization_member.go:88-119; organization_members.go:59-72.
  const [org, memberId] = splitTwoPartID(d.id(), "organization-id", "member-id");
  const member = await getOrGone(
    d,
    async () => (await client.do<Obj>("GET", `0/organizations/${org}/members/${memberId}/`)).body,
  );
  if (!member) return;
  // sort.Strings: byte order.
  const teams = [...((member.teams as string[]) ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  d.setId(`${org}/${goString(member, "id", "OrganizationMember")}`);
  d.set("organization", org);
  d.set("internal_id", member.id);
  d.set("email", member.email);
  d.set("role", member.role);
  d.set("teams", teams);
  d.set("expired", member.expired ?? false);
  d.set("pending", member.pending ?? false);
}

export const sentryOrganizationMember: Resource = {
  token: "sentry:index/sentryOrganizationMember:SentryOrganizationMember",
  schema: memberSchema,
  async create(d, client) {
    // resource_sentry_organization_member.go:58-86; organization_members.go:74-93.
    const org = esc(d.get("organization"));
    const body: Obj = { email: d.get("email"), role: d.get("role") };
    const [teams, ok] = d.getOk("teams");
    if (ok && expandStringList(teams).length > 0) body.teams = expandStringList(teams);
    const member = (await client.do<Obj>("POST", `0/organizations/${org}/members/`, { body: body as Json })).body;
    d.setId(`${org}/${goString(member, "id", "OrganizationMember")}`);
    await memberRead(d, client);
  },
  read: memberRead,
  async update(d, client) {
    // resource_sentry_organization_member.go:121-154: `role` always, `teams` only when non-empty.
    const [org, memberId] = splitTwoPartID(d.id(), "organization-id", "member-id");
    const body: Obj = { role: d.get("role") };
    const [teams, ok] = d.getOk("teams");
    if (ok && expandStringList(teams).length > 0) body.teams = expandStringList(teams);
    const member = (await client.do<Obj>("PUT", `0/organizations/${org}/members/${memberId}/`, { body: body as Json }))
      .body;
    d.setId(`${org}/${goString(member, "id", "OrganizationMember")}`);
    await memberRead(d, client);
  },
  async delete(d, client) {
    const [org, memberId] = splitTwoPartID(d.id(), "organization-id", "member-id");
    await client.do("DELETE", `0/organizations/${org}/members/${memberId}/`);
  },
};

// --- sentry_issue_alert (resource_sentry_issue_alert.go) -------------------------------------------

const nodeList = { type: "list", elem: { type: "map" } } as const;
const alertSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  project: { type: "string", required: true },
  name: { type: "string", required: true, validate: stringLenBetween(1, 64) },
  conditions: { ...nodeList, required: true },
  filters: { ...nodeList, optional: true },
  actions: { ...nodeList, required: true },
  action_match: { type: "string", required: true, validate: stringInSlice(["all", "any"]) },
  filter_match: { type: "string", required: true, validate: stringInSlice(["all", "any", "none"]) },
  frequency: { type: "int", required: true },
  environment: { type: "string", optional: true, computed: true },
  projects: { type: "list", elem: { type: "string" }, computed: true },
  internal_id: { type: "string", computed: true },
};

/** helpers.go:57-85 followShape: the read value reshaped like the prior state; a shorter list panics. */
export function followShape(shape: unknown, value: unknown): unknown {
  if (shape !== null && typeof shape === "object" && !Array.isArray(shape)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, followShape(s, (value as Obj)[k])]));
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return null;
    return shape.map((s, i) => {
      if (i >= value.length)
        throw new Error(`panic: runtime error: index out of range [${i}] with length ${value.length}`);
      return followShape(s, value[i]);
    });
  }
  return value;
}

/** resource_sentry_issue_alert.go:141-181, issue_alerts.go:11-27: the IssueAlert body (`omitempty` fields). */
function alertBody(d: ResourceData): Obj {
  const body: Obj = {};
  const nodes = (key: string) => d.get(key) as TfValue[];
  if (nodes("conditions").length > 0) body.conditions = nodes("conditions");
  if (nodes("filters").length > 0) body.filters = nodes("filters");
  if (nodes("actions").length > 0) body.actions = nodes("actions");
  body.actionMatch = d.get("action_match");
  body.filterMatch = d.get("filter_match");
  body.frequency = d.get("frequency");
  body.name = d.get("name");
  const [environment, hasEnvironment] = d.getOk("environment");
  if (hasEnvironment) body.environment = environment;
  const [project, hasProject] = d.getOk("project");
  if (hasProject) body.projects = [project];
  return body;
}

async function alertRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_issue_alert.go:204-250. A malformed ID is not returned (line 208-210 drops the error).
  const [org, project, alertId] = splitThreePartID(d.id(), "organization-slug", "project-slug", "alert-id");
  let alert: Obj;
  try {
    alert = (await client.do<Obj>("GET", `0/projects/${org}/${project}/rules/${alertId}/`)).body;
  } catch (error) {
    if (isNotFound(error)) {
      d.setId("");
      return;
    }
    throw error;
  }
  const conditions = followShape(d.get("conditions"), alert.conditions ?? []);
  const filters = followShape(d.get("filters"), alert.filters ?? []);
  const actions = followShape(d.get("actions"), alert.actions ?? []);
  d.setId(`${org}/${project}/${goString(alert, "id", "IssueAlert")}`);
  d.set("organization", org);
  d.set("projects", alert.projects ?? []);
  d.set("name", alert.name);
  d.set("conditions", conditions);
  d.set("filters", filters);
  d.set("actions", actions);
  d.set("action_match", alert.actionMatch);
  d.set("filter_match", alert.filterMatch);
  d.set("frequency", alert.frequency);
  d.set("environment", alert.environment);
  d.set("internal_id", alert.id);
  if (Array.isArray(alert.projects) && alert.projects.length === 1) d.set("project", alert.projects[0]);
}

export const sentryIssueAlert: Resource = {
  token: "sentry:index/sentryIssueAlert:SentryIssueAlert",
  schema: alertSchema,
  async create(d, client) {
    // resource_sentry_issue_alert.go:183-202; issue_alerts.go:96-118.
    const org = esc(d.get("organization"));
    const project = esc(d.get("project"));
    const response = await client.do<Obj>("POST", `0/projects/${org}/${project}/rules/`, {
      body: alertBody(d) as Json,
    });
    if (response.status === 202)
      throw new Error(
        "Sentry answered 202 (an asynchronous rule task): issue_alerts.go:109-115 polling is not replayed",
      );
    d.setId(`${org}/${project}/${goString(response.body, "id", "IssueAlert")}`);
    await alertRead(d, client);
  },
  read: alertRead,
  async update(d, client) {
    // resource_sentry_issue_alert.go:252-271.
    const [org, project, alertId] = splitThreePartID(d.id(), "organization-slug", "project-slug", "alert-id");
    await client.do("PUT", `0/projects/${org}/${project}/rules/${alertId}/`, { body: alertBody(d) as Json });
    await alertRead(d, client);
  },
  async delete(d, client) {
    const [org, project, alertId] = splitThreePartID(d.id(), "organization-slug", "project-slug", "alert-id");
    await client.do("DELETE", `0/projects/${org}/${project}/rules/${alertId}/`);
  },
};

// --- sentry_plugin (resource_sentry_project_plugin.go) ---------------------------------------------

const pluginSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  project: { type: "string", required: true },
  plugin: { type: "string", required: true },
  config: { type: "map", optional: true },
};

async function pluginRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_project_plugin.go:472-512; project_plugins.go:572-586.
  const org = esc(d.get("organization"));
  const project = esc(d.get("project"));
  const plugin = await getOrGone(
    d,
    async () => (await client.do<Obj>("GET", `0/projects/${org}/${project}/plugins/${d.id()}/`)).body,
  );
  if (!plugin) return;
  d.setId(goString(plugin, "id", "ProjectPlugin"));
  const pluginConfig = new Map<string, string>();
  for (const entry of (plugin.config as Obj[]) ?? [])
    if (typeof entry.value === "string") pluginConfig.set(String(entry.name), entry.value);
  const config: Record<string, string> = {};
  for (const key of Object.keys(d.get("config") as Obj)) config[key] = pluginConfig.get(key) ?? "";
  d.set("config", config);
}

export const sentryPlugin: Resource = {
  token: "sentry:index/sentryPlugin:SentryPlugin",
  schema: pluginSchema,
  async create(d, client) {
    // resource_sentry_project_plugin.go:440-470: enable (POST, no body), then PUT the config.
    const org = esc(d.get("organization"));
    const project = esc(d.get("project"));
    const plugin = esc(d.get("plugin"));
    await client.do("POST", `0/projects/${org}/${project}/plugins/${plugin}/`);
    d.setId(plugin);
    await client.do("PUT", `0/projects/${org}/${project}/plugins/${plugin}/`, { body: d.get("config") as Json });
    await pluginRead(d, client);
  },
  read: pluginRead,
  async update(d, client) {
    // resource_sentry_project_plugin.go:514-538.
    const org = esc(d.get("organization"));
    const project = esc(d.get("project"));
    await client.do("PUT", `0/projects/${org}/${project}/plugins/${d.id()}/`, { body: d.get("config") as Json });
    await pluginRead(d, client);
  },
  async delete(d, client) {
    await client.do("DELETE", `0/projects/${esc(d.get("organization"))}/${esc(d.get("project"))}/plugins/${d.id()}/`);
  },
  importer: importOrganizationProjectAndID,
};

// --- sentry_organization_repository_github (resource_sentry_organization_repository_github.go) -----

const repositorySchema: TfSchemaMap = {
  organization: { type: "string", required: true, forceNew: true },
  integration_id: { type: "string", required: true, forceNew: true },
  identifier: { type: "string", required: true, forceNew: true },
  internal_id: { type: "string", computed: true },
};

async function repositoryRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_organization_repository_github.go:303-353; organization_repositories.go:35-68:
  // `status` is always sent, empty (`url:"status"` without omitempty); go-querystring sorts keys.
  const id = d.id();
  const org = esc(d.get("organization"));
  const repositories: Obj[] = [];
  let cursor = "";
  for (;;) {
    const page = await client.do<Obj[]>("GET", `0/organizations/${org}/repos/`, {
      query: [
        ["cursor", cursor],
        ["query", id],
        ["status", "", true],
      ],
    });
    repositories.push(...page.body);
    if (page.cursor === "") break;
    cursor = page.cursor;
  }
  for (const repository of repositories) {
    if (goString(repository, "name", "OrganizationRepository") === id) {
      d.setId(String(repository.name));
      d.set("internal_id", goString(repository, "id", "OrganizationRepository"));
      d.set("integration_id", goString(repository, "integrationId", "OrganizationRepository"));
      return;
    }
  }
  throw new Error(`Can't find Sentry Organization Repository: ${id}`);
}

export const sentryOrganizationRepositoryGithub: Resource = {
  token: "sentry:index/sentryOrganizationRepositoryGithub:SentryOrganizationRepositoryGithub",
  schema: repositorySchema,
  async create(d, client) {
    // resource_sentry_organization_repository_github.go:264-301.
    const identifier = esc(d.get("identifier"));
    const repository = (
      await client.do<Obj>("POST", `0/organizations/${esc(d.get("organization"))}/repos/`, {
        body: { provider: "integrations:github", installation: esc(d.get("integration_id")), identifier },
      })
    ).body;
    d.setId(identifier);
    d.set("internal_id", goString(repository, "id", "OrganizationRepository"));
    await repositoryRead(d, client);
  },
  read: repositoryRead,
  async delete(d, client) {
    await client.do("DELETE", `0/organizations/${esc(d.get("organization"))}/repos/${esc(d.get("internal_id"))}/`);
  },
  async importer(d, client) {
    // resource_sentry_organization_repository_github.go:377-390: the Read's error is dropped.
    const [org, id] = splitTwoPartID(d.id(), "organization-slug", "id");
    d.setId(id);
    d.set("identifier", id);
    d.set("organization", org);
    await repositoryRead(d, client).catch(() => undefined);
    return [d];
  },
};

// --- sentry_organization_code_mapping (resource_sentry_organization_code_mappings.go) --------------

const codeMappingSchema: TfSchemaMap = {
  organization: { type: "string", required: true },
  integration_id: { type: "string", required: true },
  repository_id: { type: "string", required: true },
  project_id: { type: "string", required: true },
  default_branch: { type: "string", required: true },
  stack_root: { type: "string", optional: true, default: "" },
  source_root: { type: "string", optional: true, default: "" },
  internal_id: { type: "string", computed: true },
};

const codeMappingBody = (d: ResourceData): Json => ({
  // organization_code_mappings.go:55-62 (CreateOrganizationCodeMappingParams: no omitempty).
  defaultBranch: esc(d.get("default_branch")),
  stackRoot: esc(d.get("stack_root")),
  sourceRoot: esc(d.get("source_root")),
  repositoryId: esc(d.get("repository_id")),
  integrationId: esc(d.get("integration_id")),
  projectId: esc(d.get("project_id")),
});

async function codeMappingRead(d: ResourceData, client: GoSentryClient): Promise<void> {
  // resource_sentry_organization_code_mappings.go:99-154: on import `integration_id` is empty, so the
  // list is not filtered by integration (organization_code_mappings.go:28-31, `omitempty`).
  const id = d.id();
  const org = esc(d.get("organization"));
  const mappings: Obj[] = [];
  let cursor = "";
  for (;;) {
    const page = await client.do<Obj[]>("GET", `0/organizations/${org}/code-mappings/`, {
      query: [
        ["cursor", cursor],
        ["integrationId", esc(d.get("integration_id"))],
      ],
    });
    mappings.push(...page.body);
    if (page.cursor === "") break;
    cursor = page.cursor;
  }
  for (const mapping of mappings) {
    if (goString(mapping, "id", "OrganizationCodeMapping") === id) {
      d.setId(id);
      d.set("internal_id", mapping.id);
      d.set("integration_id", goString(mapping, "integrationId", "OrganizationCodeMapping"));
      d.set("repository_id", goString(mapping, "repoId", "OrganizationCodeMapping"));
      d.set("project_id", goString(mapping, "projectId", "OrganizationCodeMapping"));
      d.set("default_branch", goString(mapping, "defaultBranch", "OrganizationCodeMapping"));
      d.set("stack_root", goString(mapping, "stackRoot", "OrganizationCodeMapping"));
      d.set("source_root", goString(mapping, "sourceRoot", "OrganizationCodeMapping"));
      return;
    }
  }
  throw new Error(`Can't find Sentry Organization Code Mapping: ${id}`);
}

export const sentryOrganizationCodeMapping: Resource = {
  token: "sentry:index/sentryOrganizationCodeMapping:SentryOrganizationCodeMapping",
  schema: codeMappingSchema,
  async create(d, client) {
    // resource_sentry_organization_code_mappings.go:72-97.
    const mapping = (
      await client.do<Obj>("POST", `0/organizations/${esc(d.get("organization"))}/code-mappings/`, {
        body: codeMappingBody(d),
      })
    ).body;
    d.setId(goString(mapping, "id", "OrganizationCodeMapping"));
    d.set("internal_id", mapping.id);
    await codeMappingRead(d, client);
  },
  read: codeMappingRead,
  async update(d, client) {
    // resource_sentry_organization_code_mappings.go:156-183.
    const mapping = (
      await client.do<Obj>("PUT", `0/organizations/${esc(d.get("organization"))}/code-mappings/${d.id()}/`, {
        body: codeMappingBody(d),
      })
    ).body;
    d.setId(goString(mapping, "id", "OrganizationCodeMapping"));
    d.set("internal_id", mapping.id);
    await codeMappingRead(d, client);
  },
  async delete(d, client) {
    await client.do("DELETE", `0/organizations/${esc(d.get("organization"))}/code-mappings/${d.id()}/`);
  },
  async importer(d, client) {
    // resource_sentry_organization_code_mappings.go:199-211: the Read's error is dropped here; the bridge's
    // Read that follows the import reports it.
    const [org, id] = splitTwoPartID(d.id(), "organization-slug", "id");
    d.setId(id);
    d.set("organization", org);
    await codeMappingRead(d, client).catch(() => undefined);
    return [d];
  },
};

export const SENTRY_RESOURCES: Resource[] = [
  sentryTeam,
  sentryProject,
  sentryOrganizationMember,
  sentryIssueAlert,
  sentryPlugin,
  sentryOrganizationRepositoryGithub,
  sentryOrganizationCodeMapping,
];
