// A local Sentry API emulator (node:http) over EmulatorState: the endpoints the client, the importer
// and the dynamic resources use, with Sentry's documented behaviours (status codes, error bodies,
// pagination, trailing slashes, side effects) and fault injection. It is a test double, not Sentry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  codeMappingBody,
  integrationBody,
  keyBody,
  memberBody,
  memberDetailBody,
  organizationBody,
  projectDetailBody,
  projectSummaryBody,
  repositoryBody,
  ruleBody,
  teamBody,
} from "./serialize";
import type { RuleNode } from "../sentry/api/common";
import { EmulatorState, FILTER_IDS, type EmulatedProject, type EmulatedTeam } from "./state";
import { dailyCounts, eventsQuery, organizationStats, statsPeriodOf, TelemetryQueryError } from "./telemetry";

export const SLUG = /^(?![0-9]+$)[a-z0-9_-]+$/;
const ALL_SCOPES = [
  "org:read",
  "org:write",
  "org:admin",
  "org:integrations",
  "project:read",
  "project:write",
  "project:admin",
  "project:releases",
  "team:read",
  "team:write",
  "team:admin",
  "member:read",
  "member:write",
  "member:admin",
  "member:invite",
  "alerts:read",
  "alerts:write",
  "event:read",
  "event:write",
  "event:admin",
];

export interface TokenGrant {
  /** User tokens act as a member; internal-integration tokens cannot manage members' roles. */
  kind: "user" | "integration";
  scopes: string[];
}

export interface Fault {
  status: number;
  /** How many requests get it (then it is used up). */
  times: number;
  /** Sent as Retry-After (seconds), when set. */
  retryAfter?: number;
  /** Sent as X-Sentry-Rate-Limit-Reset (epoch seconds), when set. */
  rateLimitReset?: number;
  /** Answers with a plain-text body instead of JSON. */
  plainBody?: string;
}

export interface EmulatorOptions {
  organization: string;
  /** Bearer tokens the emulator accepts; a token given as a string gets every scope, as a user token. */
  tokens: Record<string, TokenGrant> | string;
  /** Delay before each answer, to model a remote server. */
  latencyMs?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(typeof body === "string" ? body : JSON.stringify(body));
  }
}

interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  grant: TokenGrant;
  url: URL;
}
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Handler = (request: Request) => Answer;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  scopes: string[];
  handler: Handler;
}

const notFound = (detail = "The requested resource does not exist") => new HttpError(404, { detail });

export class SentryEmulator {
  readonly state: EmulatorState;
  readonly requests: { method: string; path: string; status: number }[] = [];
  /** Most requests handled at the same time so far. */
  maxInFlight = 0;
  #inFlight = 0;
  #routes: Route[] = [];
  #faults: Fault[] = [];
  #tokens: Record<string, TokenGrant>;
  #server?: Server;
  #latencyMs: number;
  url = "";

  constructor(options: EmulatorOptions) {
    this.state = new EmulatorState(options.organization);
    this.#tokens =
      typeof options.tokens === "string" ? { [options.tokens]: { kind: "user", scopes: ALL_SCOPES } } : options.tokens;
    this.#latencyMs = options.latencyMs ?? 0;
    this.#defineRoutes();
  }

  /** The base URL a client uses (`http://127.0.0.1:PORT/api/`). */
  get baseUrl(): string {
    return `${this.url}/api/`;
  }

  injectFaults(...faults: Fault[]): void {
    this.#faults.push(...faults);
  }

  async listen(port = 0): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // --- plumbing ------------------------------------------------------------------------------------

  #route(method: string, path: string, scopes: string[], handler: Handler): void {
    const names: string[] = [];
    const pattern = new RegExp(
      `^/api/0${path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`,
    );
    this.#routes.push({ method, pattern, names, scopes, handler });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.#inFlight);
    res.on("close", () => this.#inFlight--);
    const url = new URL(req.url ?? "/", this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.#latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#latencyMs));
    let answer: Answer;
    try {
      answer = this.#dispatch(
        req.method ?? "GET",
        url,
        req.headers.authorization,
        Buffer.concat(chunks).toString("utf8"),
      );
    } catch (error) {
      answer =
        error instanceof HttpError
          ? { status: error.status, body: error.body, headers: error.headers }
          : { status: 500, body: { detail: "Internal Error", errorId: "emulator" } };
    }
    this.requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, status: answer.status });
    const text =
      answer.body === undefined
        ? ""
        : typeof answer.body === "string" && answer.headers?.["content-type"] === "text/plain"
          ? answer.body
          : JSON.stringify(answer.body);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(text);
  }

  #dispatch(method: string, url: URL, authorization: string | undefined, rawBody: string): Answer {
    const fault = this.#faults.find((f) => f.times > 0);
    if (fault) {
      fault.times--;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      if (fault.rateLimitReset !== undefined) {
        Object.assign(headers, {
          "x-sentry-rate-limit-reset": String(fault.rateLimitReset),
          "x-sentry-rate-limit-remaining": "0",
          "x-sentry-rate-limit-limit": "40",
        });
      }
      if (fault.plainBody !== undefined)
        return { status: fault.status, body: fault.plainBody, headers: { ...headers, "content-type": "text/plain" } };
      const body =
        fault.status === 429
          ? "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"
          : { detail: "Internal Error", errorId: "injected" };
      return { status: fault.status, body, headers };
    }

    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const grant = token === undefined ? undefined : this.#tokens[token];
    if (!grant)
      throw new HttpError(401, {
        detail: token === undefined ? "Authentication credentials were not provided." : "Invalid token",
      });

    const candidates = this.#routes.filter((r) => r.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      if (candidates.length > 0) throw new HttpError(405, { detail: `Method "${method}" not allowed.` });
      // Sentry's router does not match paths without their trailing slash.
      throw notFound();
    }
    if (!route.scopes.some((s) => grant.scopes.includes(s)))
      throw new HttpError(403, { detail: "You do not have permission to perform this action." });
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    if (
      params.org !== undefined &&
      params.org !== this.state.organization.slug &&
      params.org !== this.state.organization.id
    )
      throw notFound();
    let body: Record<string, unknown> = {};
    if (rawBody) {
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        throw new HttpError(400, { detail: "JSON parse error" });
      }
    }
    return route.handler({ params, query: url.searchParams, body, grant, url });
  }

  /** One page of `items`, with Sentry's `Link` header (cursor `0:offset:is_prev`). */
  #page<T>(request: Request, items: T[], perPageDefault = 100): Answer {
    const perPage = Math.min(Number(request.query.get("per_page") ?? perPageDefault) || perPageDefault, 100);
    const offset = Number(/^\d+:(\d+):\d+$/.exec(request.query.get("cursor") ?? "")?.[1] ?? 0);
    const page = items.slice(offset, offset + perPage);
    const link = (cursor: string, rel: string, results: boolean) => {
      const query = new URLSearchParams(request.query);
      query.delete("cursor");
      const rest = query.toString();
      return `<${this.url}${request.url.pathname}?${rest ? `${rest}&` : "&"}cursor=${cursor}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
    };
    const previous = link(`0:${Math.max(0, offset - perPage)}:1`, "previous", offset > 0);
    const next = link(`0:${offset + perPage}:0`, "next", offset + perPage < items.length);
    return { status: 200, body: page, headers: { link: `${previous}, ${next}`, "x-hits": String(items.length) } };
  }

  #team(slug: string): EmulatedTeam {
    const team = this.state.teamBySlug(slug);
    if (!team) throw notFound();
    return team;
  }

  #project(slug: string): EmulatedProject {
    const project = this.state.projectBySlug(slug);
    if (project) return project;
    const renamed = this.state.projectByPreviousSlug(slug);
    if (renamed) {
      const location = `${this.url}/api/0/projects/${this.state.organization.slug}/${renamed.slug}/`;
      throw new HttpError(
        302,
        {
          slug: renamed.slug,
          detail: {
            code: "resource-moved",
            message: "Resource has been moved",
            extra: { url: location, slug: renamed.slug },
          },
        },
        { location },
      );
    }
    throw notFound();
  }

  /** A telemetry query, its refusals as Sentry's 400. */
  #telemetry<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof TelemetryQueryError) throw new HttpError(400, error.body);
      throw error;
    }
  }

  /** The read-only organization-wide endpoints of the checklist (src/emulator/telemetry.ts). */
  #defineChecklistRoutes(): void {
    const s = this.state;
    const org = "/organizations/:org";
    const read = ["org:read", "org:write", "org:admin"];
    // OrganizationEventPermission (getsentry/sentry src/sentry/api/bases/organization.py): GET needs event:read.
    const events = ["event:read", "event:write", "event:admin"];
    // Without project=-1 Sentry keeps the token user's projects (organization_alert_rule_index.py@6538658,
    // organization_users.py@5ec5f9d get_projects); the emulator's token user is in no team.
    const allProjects = (r: Request) => r.query.getAll("project").includes("-1");
    this.#route("GET", `${org}/users/`, read, (r) => {
      const projectsOf = (teamIds: Iterable<string>) => {
        const teams = new Set(teamIds);
        return [...s.projects.values()].filter((p) => p.teamIds.some((id) => teams.has(id))).map((p) => p.slug);
      };
      const users = allProjects(r)
        ? [...s.members.values()]
            .filter((m) => m.userId !== null && projectsOf(m.teamRoles.keys()).length > 0)
            .map((m) => ({ ...memberBody(m), projects: projectsOf(m.teamRoles.keys()).sort() }))
        : [];
      return { status: 200, body: users };
    });
    this.#route("GET", `${org}/combined-rules/`, read, (r) => {
      const rules = allProjects(r)
        ? [...s.rules.values()]
            .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated))
            .map((rule) => ({ ...ruleBody(s, rule), type: "rule" }))
        : [];
      return this.#page(r, rules, 25);
    });
    this.#route("GET", `${org}/stats_v2/`, events, (r) => ({
      status: 200,
      body: this.#telemetry(() => organizationStats(s, s.telemetry, r.query)),
    }));
    this.#route("GET", `${org}/events/`, events, (r) => {
      const { rows, meta } = this.#telemetry(() => eventsQuery(s, s.telemetry, r.query));
      const page = this.#page(r, rows);
      return { ...page, body: { data: page.body, meta } };
    });
  }

  // --- endpoints -----------------------------------------------------------------------------------

  #defineRoutes(): void {
    const s = this.state;
    const org = "/organizations/:org";
    const read = ["org:read", "org:write", "org:admin"];
    const write = ["org:write", "org:admin"];

    this.#route("GET", `${org}/`, read, () => ({ status: 200, body: organizationBody(s, this.url) }));

    // Teams
    this.#route("GET", `${org}/teams/`, read, (r) =>
      this.#page(
        r,
        [...s.teams.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map((t) => teamBody(s, t)),
      ),
    );
    this.#route("POST", `${org}/teams/`, [...write, "team:write"], (r) => {
      const slug = typeof r.body.slug === "string" ? r.body.slug : undefined;
      const name = typeof r.body.name === "string" ? r.body.name : slug;
      if (!slug && !name) throw new HttpError(400, { non_field_errors: ["Name or slug is required"] });
      const finalSlug = slug ?? name!.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
      if (!SLUG.test(finalSlug) || finalSlug.length > 50) {
        throw new HttpError(400, {
          slug: [
            "Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.",
          ],
        });
      }
      if (s.teamBySlug(finalSlug))
        throw new HttpError(409, {
          detail: "A team with this slug already exists.",
          non_field_errors: ["A team with this slug already exists."],
        });
      return { status: 201, body: teamBody(s, s.createTeam(finalSlug, name ?? finalSlug)) };
    });
    this.#route("GET", "/teams/:org/:team/", ["team:read", "team:write", "team:admin"], (r) => ({
      status: 200,
      body: teamBody(s, this.#team(r.params.team)),
    }));
    this.#route("PUT", "/teams/:org/:team/", ["team:write", "team:admin"], (r) => {
      const team = this.#team(r.params.team);
      if (typeof r.body.slug === "string" && r.body.slug !== team.slug) {
        if (s.teamBySlug(r.body.slug))
          throw new HttpError(400, { slug: [`The slug "${r.body.slug}" is already in use.`] });
        team.slug = r.body.slug;
      }
      if (typeof r.body.name === "string") team.name = r.body.name;
      return { status: 200, body: teamBody(s, team) };
    });
    this.#route("DELETE", "/teams/:org/:team/", ["team:admin"], (r) => {
      // Asynchronous in Sentry: the slug is freed at once and the team answers 404 from now on.
      s.teams.delete(this.#team(r.params.team).id);
      return { status: 204 };
    });
    this.#route("GET", "/teams/:org/:team/members/", ["team:read", "team:write", "team:admin"], (r) => {
      const team = this.#team(r.params.team);
      const members = [...s.members.values()].filter((m) => m.teamRoles.has(team.id));
      return this.#page(
        r,
        members.map((m) => ({
          ...memberBody(m),
          teamRole: m.teamRoles.get(team.id) ?? "contributor",
          teamSlug: team.slug,
        })),
      );
    });

    // Projects
    this.#route("POST", "/teams/:org/:team/projects/", ["project:write", "project:admin", ...write], (r) => {
      const team = this.#team(r.params.team);
      const name = typeof r.body.name === "string" ? r.body.name : undefined;
      if (!name) throw new HttpError(400, { name: ["This field is required."] });
      const slug = typeof r.body.slug === "string" ? r.body.slug : name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
      if (!SLUG.test(slug))
        throw new HttpError(400, {
          slug: [
            "Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.",
          ],
        });
      if (s.projectBySlug(slug)) throw new HttpError(409, { detail: "A project with this slug already exists." });
      const platform = typeof r.body.platform === "string" && r.body.platform !== "" ? r.body.platform : null;
      const project = s.createProject(team, slug, name, platform, r.body.default_rules !== false);
      return { status: 201, body: projectSummaryBody(s, project) };
    });
    this.#route("GET", `${org}/projects/`, read, (r) => {
      const days = this.#telemetry(() => statsPeriodOf(r.query));
      const summary = (p: EmulatedProject) => {
        const body = { ...projectSummaryBody(s, p), firstEvent: s.telemetry.firstEvent(p.id) };
        if (days === undefined) return body;
        const stats = dailyCounts(s.telemetry, p.id, days, "error");
        return r.query.get("transactionStats")
          ? { ...body, stats, transactionStats: dailyCounts(s.telemetry, p.id, days, "transaction") }
          : { ...body, stats };
      };
      return this.#page(r, [...s.projects.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map(summary));
    });
    this.#defineChecklistRoutes();
    this.#route("GET", "/projects/:org/:project/", ["project:read", "project:write", "project:admin"], (r) => ({
      status: 200,
      body: projectDetailBody(s, this.#project(r.params.project), this.url),
    }));
    this.#route("PUT", "/projects/:org/:project/", ["project:write", "project:admin"], (r) => {
      const project = this.#project(r.params.project);
      const body = r.body;
      if (typeof body.slug === "string" && body.slug && body.slug !== project.slug) {
        if (s.projectBySlug(body.slug))
          throw new HttpError(400, { slug: [`Another project (${body.slug}) is already using that slug`] });
        project.previousSlugs.push(project.slug);
        project.slug = body.slug;
      }
      if (typeof body.name === "string" && body.name) project.name = body.name;
      if (typeof body.platform === "string" && body.platform) project.platform = body.platform;
      for (const flag of ["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const) {
        if (typeof body[flag] === "boolean") project.privacy[flag] = body[flag] as boolean;
      }
      for (const list of ["sensitiveFields", "safeFields"] as const) {
        const value = body[list];
        if (value === undefined) continue;
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === ""))
          throw new HttpError(400, { [list]: ["Empty values are not allowed."] });
        if (list === "sensitiveFields" && value.join("").length > 4000)
          throw new HttpError(400, { [list]: ["List of sensitive fields is too long."] });
        project.privacy[list] = value as string[];
      }
      return { status: 200, body: projectDetailBody(s, project, this.url) };
    });
    this.#route("DELETE", "/projects/:org/:project/", ["project:admin"], (r) => {
      s.deleteProject(this.#project(r.params.project));
      return { status: 204 };
    });
    this.#route("POST", "/projects/:org/:project/teams/:team/", ["project:write", "project:admin"], (r) => {
      const project = this.#project(r.params.project);
      const team = s.teamBySlug(r.params.team);
      if (!team) throw new HttpError(404, { detail: "Team does not exist." });
      if (!project.teamIds.includes(team.id)) project.teamIds.push(team.id);
      return { status: 201, body: projectSummaryBody(s, project) };
    });

    // Client keys (10 per page, addressed by public key)
    const keysOf = (project: EmulatedProject) =>
      [...s.keys.values()]
        .filter((k) => k.projectId === project.id)
        .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    this.#route("GET", "/projects/:org/:project/keys/", ["project:read", "project:write", "project:admin"], (r) =>
      this.#page(
        r,
        keysOf(this.#project(r.params.project)).map((k) => keyBody(k, this.url)),
        10,
      ),
    );
    this.#route("POST", "/projects/:org/:project/keys/", ["project:write", "project:admin"], (r) => {
      const key = s.createKey(
        this.#project(r.params.project),
        typeof r.body.name === "string" && r.body.name ? r.body.name : "Generated Key",
      );
      key.rateLimit = rateLimitOf(r.body.rateLimit);
      return { status: 201, body: keyBody(key, this.url) };
    });
    const keyOf = (r: Request) => {
      const project = this.#project(r.params.project);
      const key = s.keys.get(r.params.key);
      if (!key || key.projectId !== project.id) throw notFound();
      return key;
    };
    this.#route(
      "GET",
      "/projects/:org/:project/keys/:key/",
      ["project:read", "project:write", "project:admin"],
      (r) => ({ status: 200, body: keyBody(keyOf(r), this.url) }),
    );
    this.#route("PUT", "/projects/:org/:project/keys/:key/", ["project:write", "project:admin"], (r) => {
      const key = keyOf(r);
      if (typeof r.body.name === "string") key.name = r.body.name;
      if (typeof r.body.isActive === "boolean") key.isActive = r.body.isActive;
      if ("rateLimit" in r.body) key.rateLimit = rateLimitOf(r.body.rateLimit);
      return { status: 200, body: keyBody(key, this.url) };
    });
    this.#route("DELETE", "/projects/:org/:project/keys/:key/", ["project:admin"], (r) => {
      s.keys.delete(keyOf(r).id);
      return { status: 204 };
    });

    // Inbound filters
    this.#route("GET", "/projects/:org/:project/filters/", ["project:read", "project:write", "project:admin"], (r) => {
      const project = this.#project(r.params.project);
      return { status: 200, body: FILTER_IDS.map((id) => ({ id, active: project.filters[id] })) };
    });
    this.#route("PUT", "/projects/:org/:project/filters/:filter/", ["project:write", "project:admin"], (r) => {
      const project = this.#project(r.params.project);
      const id = r.params.filter;
      if (!(FILTER_IDS as readonly string[]).includes(id)) throw notFound();
      if (id === "legacy-browsers" && Array.isArray(r.body.subfilters))
        project.filters[id] = r.body.subfilters.length > 0 ? (r.body.subfilters as string[]) : false;
      else if (typeof r.body.active === "boolean") project.filters[id] = r.body.active;
      else throw new HttpError(400, { active: ["This field is required."] });
      return { status: 204 };
    });

    // Issue alert rules
    const rulesOf = (project: EmulatedProject) =>
      [...s.rules.values()]
        .filter((x) => x.projectId === project.id)
        .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    const ruleScopes = {
      read: ["project:read", "project:write", "project:admin", "alerts:read", "alerts:write"],
      write: ["project:write", "project:admin", "alerts:write"],
    };
    const checkRule = (project: EmulatedProject, body: Record<string, unknown>, except?: string) => {
      if (typeof body.name !== "string" || body.name === "")
        throw new HttpError(400, { name: ["This field is required."] });
      if (!["all", "any", "none"].includes(String(body.actionMatch)))
        throw new HttpError(400, { actionMatch: ["This field is required."] });
      const frequency = Number(body.frequency);
      if (!Number.isInteger(frequency) || frequency < 5 || frequency > 43200)
        throw new HttpError(400, { frequency: ["Ensure this value is between 5 and 43200."] });
      if (!Array.isArray(body.actions) || body.actions.length === 0)
        throw new HttpError(400, { actions: ["You must add an action for this alert to fire."] });
      if (Array.isArray(body.filters) && body.filters.length > 0 && !body.filterMatch)
        throw new HttpError(400, {
          filterMatch: ["Must select a filter match (all, any, none) if filters are supplied."],
        });
      if (typeof body.environment === "string" && !project.environments.has(body.environment))
        throw new HttpError(400, { environment: ["This environment has not been created."] });
      const shape = (x: Record<string, unknown>) =>
        JSON.stringify([
          x.conditions,
          x.filters ?? [],
          x.actions,
          x.environment ?? null,
          x.actionMatch,
          x.filterMatch ?? "all",
          Number(x.frequency),
        ]);
      const duplicate = rulesOf(project).find(
        (other) => other.id !== except && shape(other as unknown as Record<string, unknown>) === shape(body),
      );
      if (duplicate)
        throw new HttpError(400, {
          name: [`This rule is an exact duplicate of '${duplicate.name}' in this project and may not be created.`],
          ruleId: [Number(duplicate.id)],
        });
      const nodes = (field: "conditions" | "filters" | "actions") => {
        const list = (body[field] ?? []) as unknown[];
        if (!Array.isArray(list) || list.some((n) => typeof (n as { id?: unknown })?.id !== "string"))
          throw new HttpError(400, { [field]: ["Invalid node."] });
        return list as RuleNode[];
      };
      return {
        name: body.name,
        actionMatch: String(body.actionMatch),
        filterMatch: String(body.filterMatch ?? "all"),
        frequency,
        conditions: nodes("conditions"),
        filters: nodes("filters"),
        actions: nodes("actions"),
        environment: typeof body.environment === "string" ? body.environment : null,
      };
    };
    this.#route("GET", "/projects/:org/:project/rules/", ruleScopes.read, (r) =>
      this.#page(
        r,
        rulesOf(this.#project(r.params.project)).map((x) => ruleBody(s, x)),
      ),
    );
    this.#route("POST", "/projects/:org/:project/rules/", ruleScopes.write, (r) => {
      const project = this.#project(r.params.project);
      // Sentry's code answers 200 here although the schema says 201.
      return { status: 200, body: ruleBody(s, s.createRule(project, checkRule(project, r.body))) };
    });
    const ruleOf = (r: Request) => {
      const project = this.#project(r.params.project);
      const rule = s.rules.get(r.params.rule);
      if (!rule || rule.projectId !== project.id) throw notFound();
      return { project, rule };
    };
    this.#route("GET", "/projects/:org/:project/rules/:rule/", ruleScopes.read, (r) => ({
      status: 200,
      body: ruleBody(s, ruleOf(r).rule),
    }));
    this.#route("PUT", "/projects/:org/:project/rules/:rule/", ruleScopes.write, (r) => {
      const { project, rule } = ruleOf(r);
      Object.assign(rule, checkRule(project, r.body, rule.id));
      return { status: 200, body: ruleBody(s, rule) };
    });
    this.#route("DELETE", "/projects/:org/:project/rules/:rule/", ruleScopes.write, (r) => {
      s.rules.delete(ruleOf(r).rule.id);
      return { status: 202 };
    });

    // Members and team membership
    const memberScopes = {
      read: ["member:read", "member:write", "member:admin"],
      write: ["member:write", "member:admin"],
    };
    const memberOf = (id: string) => {
      const member = /^\d+$/.test(id) ? s.members.get(id) : undefined;
      if (!member) throw notFound();
      return member;
    };
    const assignTeams = (member: ReturnType<typeof memberOf>, body: Record<string, unknown>) => {
      const roles = Array.isArray(body.teamRoles)
        ? (body.teamRoles as { teamSlug: string; role: "contributor" | "admin" | null }[])
        : Array.isArray(body.teams)
          ? (body.teams as string[]).map((teamSlug) => ({ teamSlug, role: null }))
          : [];
      const teams = roles.map((x) => ({ team: s.teamBySlug(x.teamSlug), role: x.role }));
      if (teams.some((t) => !t.team))
        throw new HttpError(400, { [Array.isArray(body.teamRoles) ? "teamRoles" : "teams"]: ["Invalid teams"] });
      // A full replacement, as in recent Sentry (a PUT without teams removes the member from all teams).
      member.teamRoles = new Map(teams.map((t) => [t.team!.id, t.role ?? member.teamRoles.get(t.team!.id) ?? null]));
    };
    const orgRoleOf = (body: Record<string, unknown>, grant: TokenGrant) => {
      const role = String(body.orgRole ?? body.role ?? "member");
      const field = body.orgRole !== undefined ? "orgRole" : "role";
      if (role === "admin")
        throw new HttpError(400, { [field]: ["The role 'admin' is deprecated and may no longer be assigned."] });
      if (!["member", "billing", "manager", "owner"].includes(role))
        throw new HttpError(400, { [field]: ["Invalid role"] });
      if (grant.kind === "integration" && role !== "member")
        throw new HttpError(400, {
          [field]: ["Integration tokens are restricted to inviting new members with the member role only."],
        });
      return role;
    };
    this.#route("GET", `${org}/members/`, memberScopes.read, (r) => {
      const query = r.query.get("query") ?? "";
      const email = /^email:(.+)$/.exec(query)?.[1]?.toLowerCase();
      const members = [...s.members.values()].filter((m) => email === undefined || m.email.toLowerCase() === email);
      return this.#page(r, members.map(memberBody));
    });
    this.#route("POST", `${org}/members/`, [...memberScopes.write, "member:invite"], (r) => {
      const email = typeof r.body.email === "string" ? r.body.email.trim() : "";
      if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 75)
        throw new HttpError(400, { email: ["Enter a valid email address."] });
      const existing = [...s.members.values()].find((m) => m.email.toLowerCase() === email.toLowerCase());
      if (existing)
        throw new HttpError(400, {
          email: [
            existing.userId ? `The user ${email} is already a member` : `The user ${email} has already been invited`,
          ],
        });
      const member = s.createMember(email, orgRoleOf(r.body, r.grant));
      assignTeams(member, r.body);
      return { status: 201, body: memberBody(member) };
    });
    this.#route("GET", `${org}/members/:member/`, memberScopes.read, (r) => ({
      status: 200,
      body: memberDetailBody(s, memberOf(r.params.member)),
    }));
    this.#route("PUT", `${org}/members/:member/`, [...memberScopes.write, "member:invite"], (r) => {
      const member = memberOf(r.params.member);
      if (r.body.orgRole !== undefined || r.body.role !== undefined) {
        if (r.grant.kind === "integration")
          throw new HttpError(403, { role: "You do not have permission to assign the given role." });
        member.orgRole = orgRoleOf(r.body, r.grant);
      }
      assignTeams(member, r.body);
      return { status: 200, body: memberDetailBody(s, member) };
    });
    this.#route("DELETE", `${org}/members/:member/`, memberScopes.read, (r) => {
      const member = memberOf(r.params.member);
      if (r.grant.kind === "integration" || !r.grant.scopes.includes("member:admin"))
        throw new HttpError(400, { detail: "You cannot remove a member who has more access than you." });
      s.members.delete(member.id);
      return { status: 204 };
    });
    const membershipScopes = [
      "org:read",
      "org:write",
      "org:admin",
      "team:write",
      "team:admin",
      "member:write",
      "member:admin",
    ];
    this.#route("POST", `${org}/members/:member/teams/:team/`, membershipScopes, (r) => {
      const member = memberOf(r.params.member);
      const team = this.#team(r.params.team);
      if (member.teamRoles.has(team.id)) return { status: 204 };
      member.teamRoles.set(team.id, null);
      return { status: 201, body: teamBody(s, team) };
    });
    this.#route("PUT", `${org}/members/:member/teams/:team/`, membershipScopes, (r) => {
      const member = memberOf(r.params.member);
      const team = this.#team(r.params.team);
      if (!member.teamRoles.has(team.id)) throw notFound();
      if (r.body.teamRole !== "contributor" && r.body.teamRole !== "admin")
        throw new HttpError(400, { detail: "Invalid team-role" });
      member.teamRoles.set(team.id, r.body.teamRole);
      return { status: 200, body: { isActive: true, teamRole: r.body.teamRole } };
    });
    this.#route("DELETE", `${org}/members/:member/teams/:team/`, membershipScopes, (r) => {
      const member = memberOf(r.params.member);
      const team = this.#team(r.params.team);
      member.teamRoles.delete(team.id);
      return { status: 200, body: teamBody(s, team) };
    });

    // Integrations, repositories, code mappings
    const integrationScopes = [...read, "org:integrations"];
    this.#route("GET", `${org}/integrations/`, integrationScopes, (r) => {
      const provider = r.query.get("providerKey") ?? r.query.get("provider_key");
      const items = provider && provider !== "github" ? [] : [...s.integrations.values()];
      return this.#page(
        r,
        items.map((i) => integrationBody(s, i)),
      );
    });
    this.#route("GET", `${org}/repos/`, [...integrationScopes, "org:ci"], (r) => {
      const status = r.query.get("status") || "active";
      const query = (r.query.get("query") ?? "").toLowerCase();
      const integration = r.query.get("integration_id");
      const items = [...s.repositories.values()]
        .filter(
          (x) =>
            x.status === status &&
            x.name.toLowerCase().includes(query) &&
            (!integration || x.integrationId === integration),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      return this.#page(r, items.map(repositoryBody));
    });
    this.#route("POST", `${org}/repos/`, integrationScopes, (r) => {
      if (r.body.provider !== "integrations:github") throw new HttpError(400, { error_type: "validation" });
      const integration = s.integrations.get(String(r.body.installation));
      if (!integration)
        throw new HttpError(404, {
          error_type: "not found",
          errors: { __all__: "Integration matching query does not exist." },
        });
      const name = String(r.body.identifier ?? "");
      const existing = [...s.repositories.values()].find(
        (x) => x.name.toLowerCase() === name.toLowerCase() && x.integrationId === integration.id,
      );
      if (existing?.status === "hidden") {
        existing.status = "active";
        return { status: 201, body: repositoryBody(existing) };
      }
      if (existing) throw new HttpError(400, { errors: { __all__: "A repository with that name already exists" } });
      const repository = {
        id: s.newId(),
        name,
        integrationId: integration.id,
        status: "active" as const,
        dateCreated: s.now(),
      };
      s.repositories.set(repository.id, repository);
      return { status: 201, body: repositoryBody(repository) };
    });
    this.#route("DELETE", `${org}/repos/:repo/`, ["org:admin", "org:integrations"], (r) => {
      const repository = s.repositories.get(r.params.repo);
      if (!repository) throw notFound();
      repository.status = "pending_deletion";
      return { status: 202, body: repositoryBody(repository) };
    });
    this.#route("GET", `${org}/code-mappings/`, integrationScopes, (r) => {
      const integration = r.query.get("integrationId");
      if (integration && !s.integrations.has(integration))
        throw new HttpError(404, "Could not find this integration installed on your organization");
      return this.#page(
        r,
        [...s.codeMappings.values()]
          .filter((m) => !integration || m.integrationId === integration)
          .map((m) => codeMappingBody(s, m)),
      );
    });
    this.#route("POST", `${org}/code-mappings/`, integrationScopes, (r) => {
      if (r.body.integrationId === undefined) throw new HttpError(400, "Missing param: integrationId");
      if (!/^\d+$/.test(String(r.body.projectId)))
        throw new HttpError(400, "Invalid projectId param. Expected an integer.");
      const project = s.projects.get(String(r.body.projectId));
      if (!project) throw new HttpError(404, "Could not find project");
      if (!s.integrations.has(String(r.body.integrationId)))
        throw new HttpError(404, "Could not find this integration installed on your organization");
      const repository = s.repositories.get(String(r.body.repositoryId));
      if (!repository || repository.integrationId !== String(r.body.integrationId))
        throw new HttpError(400, { repositoryId: ["Repository does not exist"] });
      const stackRoot = String(r.body.stackRoot ?? "");
      if ([...s.codeMappings.values()].some((m) => m.projectId === project.id && m.stackRoot === stackRoot)) {
        throw new HttpError(400, {
          non_field_errors: ["Code path config already exists with this project and stack trace root"],
        });
      }
      if (!r.body.defaultBranch) throw new HttpError(400, { defaultBranch: ["This field is required."] });
      const mapping = {
        id: s.newId(),
        projectId: project.id,
        repoId: repository.id,
        integrationId: String(r.body.integrationId),
        stackRoot,
        sourceRoot: String(r.body.sourceRoot ?? ""),
        defaultBranch: String(r.body.defaultBranch),
      };
      s.codeMappings.set(mapping.id, mapping);
      return { status: 201, body: codeMappingBody(s, mapping) };
    });
    this.#route("DELETE", `${org}/code-mappings/:mapping/`, ["org:admin", "org:integrations"], (r) => {
      if (!s.codeMappings.delete(r.params.mapping)) throw notFound();
      return { status: 204 };
    });
  }
}

/** `rateLimit` is stored only when both values are non-zero, and reads back as null otherwise. */
function rateLimitOf(value: unknown): { count: number; window: number } | null {
  const limit = value as { count?: number; window?: number } | null | undefined;
  return limit && limit.count && limit.window ? { count: Number(limit.count), window: Number(limit.window) } : null;
}
