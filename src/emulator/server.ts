// A local Sentry API emulator (node:http) over EmulatorState: the plumbing (authentication, scopes,
// routing, pagination, malformed requests, a bounded request log, fault injection). The endpoints are
// in routes/, one file per Sentry resource, each behaviour citing the Sentry source it follows
// (docs/architecture.md lists them). It is a test double, not Sentry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  forbidden,
  HttpError,
  notFound,
  type Answer,
  type ApiRequest,
  type EmulatorApi,
  type Handler,
  type RouteOptions,
  type TokenGrant,
} from "./http";
import { defineChecklistRoutes } from "./routes/checklist";
import { defineIntegrationRoutes } from "./routes/integrations";
import { defineKeyAndFilterRoutes } from "./routes/keys";
import { defineMemberRoutes } from "./routes/members";
import { defineMetricAlertRoutes } from "./routes/metric-alerts";
import { defineOrganizationRoutes } from "./routes/organizations";
import { definePluginRoutes } from "./routes/plugins";
import { defineProjectRoutes } from "./routes/projects";
import { defineRuleRoutes } from "./routes/rules";
import { defineTeamRoutes } from "./routes/teams";
import {
  EmulatorState,
  type CodeMappingProjectFilter,
  type EmulatedMember,
  type EmulatedProject,
  type EmulatedTeam,
} from "./state";

export type { TokenGrant } from "./http";

export const ALL_SCOPES = [
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
  /** The organization's feature flags (default: state.ts DEFAULT_FEATURES). */
  features?: string[];
  /** The Sentry release `/api/client-config/` reports (default: state.ts EMULATED_RELEASE). */
  release?: string;
  /** How code-mapping lists are filtered by project (default `always`, the newer release's: state.ts). */
  codeMappingProjectFilter?: CodeMappingProjectFilter;
  /** Wall clock in milliseconds since the epoch, for rate-limit windows (default Date.now). */
  now?: () => number;
  /** Entries the request log keeps, the oldest dropped first (default 1,000). */
  requestLogSize?: number;
  /** Largest request body read, in bytes (default 1 MiB); a larger one gets a 400. */
  maxBodyBytes?: number;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  scopes: readonly string[];
  handler: Handler;
  options: RouteOptions;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export class SentryEmulator implements EmulatorApi {
  readonly state: EmulatorState;
  /** Most requests handled at the same time so far. */
  maxInFlight = 0;
  url = "";
  #requests: LoggedRequest[] = [];
  #requestLogSize: number;
  #maxBodyBytes: number;
  #inFlight = 0;
  #routes: Route[] = [];
  #faults: Fault[] = [];
  #tokens: Record<string, TokenGrant>;
  #requesters = new Map<TokenGrant, EmulatedMember>();
  #server?: Server;
  #latencyMs: number;
  #now: () => number;

  constructor(options: EmulatorOptions) {
    this.state = new EmulatorState(options.organization, options.features);
    if (options.release !== undefined) this.state.release = options.release;
    if (options.codeMappingProjectFilter) this.state.codeMappingProjectFilter = options.codeMappingProjectFilter;
    this.#tokens =
      typeof options.tokens === "string" ? { [options.tokens]: { kind: "user", scopes: ALL_SCOPES } } : options.tokens;
    for (const grant of Object.values(this.#tokens)) {
      if (grant.kind !== "user" || !grant.member) continue;
      const member = this.state.createMember(grant.member.email, grant.member.orgRole);
      this.state.acceptInvitation(member);
      this.#requesters.set(grant, member);
    }
    this.#latencyMs = options.latencyMs ?? 0;
    this.#now = options.now ?? (() => Date.now());
    this.#requestLogSize = options.requestLogSize ?? 1000;
    this.#maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    for (const define of [
      defineOrganizationRoutes,
      defineTeamRoutes,
      defineProjectRoutes,
      defineKeyAndFilterRoutes,
      defineRuleRoutes,
      defineMetricAlertRoutes,
      defineMemberRoutes,
      defineIntegrationRoutes,
      definePluginRoutes,
      defineChecklistRoutes,
    ])
      define(this);
  }

  /** The base URL a client uses (`http://127.0.0.1:PORT/api/`). */
  get baseUrl(): string {
    return `${this.url}/api/`;
  }

  get publicUrl(): string {
    return this.url;
  }

  /** The last requests handled, oldest first (at most `requestLogSize`). */
  get requests(): readonly LoggedRequest[] {
    return this.#requests;
  }

  now(): number {
    return this.#now();
  }

  injectFaults(...faults: Fault[]): void {
    this.#faults.push(...faults);
  }

  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.#handle(req, res));
    // A request line or header Node cannot parse: answer 400 on the socket, never throw.
    server.on("clientError", (_error, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      else socket.destroy();
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

  // --- EmulatorApi ------------------------------------------------------------------------------

  route(method: string, path: string, scopes: readonly string[], handler: Handler, options: RouteOptions = {}): void {
    const names: string[] = [];
    const pattern = new RegExp(
      `^/api${options.unversioned ? "" : "/0"}${path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`,
    );
    this.#routes.push({ method, pattern, names, scopes, handler, options });
  }

  page<T>(request: ApiRequest, items: readonly T[], perPageDefault = 100): Answer {
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

  team(slug: string): EmulatedTeam {
    const team = this.state.teamBySlug(slug);
    if (!team) throw notFound();
    return team;
  }

  project(slug: string): EmulatedProject {
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

  grantOf(request: ApiRequest): TokenGrant {
    if (!request.grant) throw new HttpError(401, { detail: "Authentication credentials were not provided." });
    return request.grant;
  }

  // --- plumbing ---------------------------------------------------------------------------------

  /** Never throws: whatever the request, it gets an answer and the emulator stays up. */
  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.#inFlight);
    res.on("close", () => this.#inFlight--);
    let answer: Answer;
    let path = req.url ?? "";
    try {
      const url = parseRequestUrl(req.url);
      path = url.pathname + url.search;
      const body = await this.#readBody(req);
      if (this.#latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#latencyMs));
      answer = this.#dispatch(req.method ?? "GET", url, req.headers.authorization, body);
    } catch (error) {
      answer =
        error instanceof HttpError
          ? { status: error.status, body: error.body, headers: error.headers }
          : { status: 500, body: { detail: "Internal Error", errorId: "emulator" } };
    }
    this.#log({ method: req.method ?? "GET", path, status: answer.status });
    if (res.destroyed || res.writableEnded) return;
    const text =
      answer.body === undefined
        ? ""
        : typeof answer.body === "string" && answer.headers?.["content-type"] === "text/plain"
          ? answer.body
          : JSON.stringify(answer.body);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(text);
  }

  #log(entry: LoggedRequest): void {
    this.#requests.push(entry);
    if (this.#requests.length > this.#requestLogSize)
      this.#requests.splice(0, this.#requests.length - this.#requestLogSize);
  }

  /** The body as text; a body cut short or over the cap is a 400. */
  async #readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > this.#maxBodyBytes) {
          req.resume();
          throw new HttpError(400, { detail: `Request body over ${this.#maxBodyBytes} bytes.` });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, { detail: "Request body incomplete." });
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  #dispatch(method: string, url: URL, authorization: string | undefined, rawBody: string): Answer {
    const fault = this.#faults.find((f) => f.times > 0);
    if (fault) return this.#faultAnswer(fault);

    const candidates = this.#routes.filter((r) => r.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === method);
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const grant = token === undefined ? undefined : this.#tokens[token];
    if (token !== undefined && !grant) throw new HttpError(401, { detail: "Invalid token" });
    if (!grant && !route?.options.public)
      throw new HttpError(401, { detail: "Authentication credentials were not provided." });
    if (!route) {
      if (candidates.length > 0) throw new HttpError(405, { detail: `Method "${method}" not allowed.` });
      // Sentry's router does not match paths without their trailing slash.
      throw notFound();
    }
    if (grant && route.scopes.length > 0 && !route.scopes.some((s) => grant.scopes.includes(s))) throw forbidden();
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeSegment(match[i + 1])]));
    if (
      params.org !== undefined &&
      params.org !== this.state.organization.slug &&
      params.org !== this.state.organization.id
    )
      throw notFound();
    return route.handler({
      method,
      params,
      query: url.searchParams,
      body: parseJsonObject(rawBody),
      grant,
      requester: grant ? this.#requesters.get(grant) : undefined,
      url,
    });
  }

  #faultAnswer(fault: Fault): Answer {
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
}

function parseRequestUrl(raw: string | undefined): URL {
  try {
    if (!raw?.startsWith("/")) throw new Error("not a path");
    return new URL(raw, "http://emulator.invalid");
  } catch {
    throw new HttpError(400, { detail: "Invalid request URL." });
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, { detail: "Invalid request URL." });
  }
}

/** The request body, as DRF parses it: empty = {}, not JSON = 400, not an object = 400. */
function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, { detail: "JSON parse error" });
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new HttpError(400, {
      non_field_errors: [
        `Invalid data. Expected a dictionary, but got ${Array.isArray(body) ? "list" : body === null ? "null" : typeof body}.`,
      ],
    });
  return body as Record<string, unknown>;
}
