// What the emulator's route files share: the request a handler sees, its answer, errors as Sentry
// words them, and the plumbing a route file may call (EmulatorApi, implemented by server.ts).
import { isGlobalRole } from "./roles";
import type { EmulatedMember, EmulatedProject, EmulatedTeam, EmulatorState } from "./state";

export interface TokenGrant {
  /** User tokens act as a user; internal-integration tokens act as a proxy user who is no member. */
  kind: "user" | "integration";
  scopes: string[];
  /**
   * For user tokens: the member the token's user is in the organization, created (invitation
   * accepted, in no team) when the emulator starts. Without it the user is no member and acts as a
   * Sentry superuser would: every role allowed, added to no team it creates.
   */
  member?: { email: string; orgRole: string };
}

export interface ApiRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  url: URL;
  /** Undefined only on routes that need no token (`GET /api/0/`). */
  grant: TokenGrant | undefined;
  /** The member the token's user is, if any. */
  requester: EmulatedMember | undefined;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: ApiRequest) => Answer;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(typeof body === "string" ? body : JSON.stringify(body));
  }
}

export const notFound = (detail = "The requested resource does not exist") => new HttpError(404, { detail });

/** DRF's 403 for a missing scope. */
export const forbidden = () => new HttpError(403, { detail: "You do not have permission to perform this action." });

/** A DRF field error map with one message per field. */
export const fieldErrors = (errors: Record<string, string>) =>
  new HttpError(400, Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, [message]])));

export interface RouteOptions {
  /** Sentry answers without a token (permission_classes = ()). */
  public?: boolean;
  /** Served under `/api/` rather than the versioned `/api/0/` (Sentry's web URLs, src/sentry/web/urls.py). */
  unversioned?: boolean;
}

/** What a route file gets from the server. */
export interface EmulatorApi {
  readonly state: EmulatorState;
  /** `http://127.0.0.1:PORT`, the prefix of absolute URLs Sentry builds. */
  readonly publicUrl: string;
  /** Milliseconds since the epoch, from the injectable clock. */
  now(): number;
  route(method: string, path: string, scopes: readonly string[], handler: Handler, options?: RouteOptions): void;
  /** One page of `items`, with Sentry's `Link` header (cursor `0:offset:is_prev`). */
  page<T>(request: ApiRequest, items: readonly T[], perPageDefault?: number): Answer;
  team(slug: string): EmulatedTeam;
  project(slug: string): EmulatedProject;
  grantOf(request: ApiRequest): TokenGrant;
}

export const READ_ORG = ["org:read", "org:write", "org:admin"];
export const WRITE_ORG = ["org:write", "org:admin"];

/**
 * The projects an organization-wide list covers (`OrganizationEndpoint.get_projects`, getsentry/sentry
 * src/sentry/api/bases/organization.py@1598a7cf `_get_projects_by_id`): without `project`, those of the
 * teams the token's user is a member of; with `project=-1`, those it can access (every project for a
 * manager or owner). Tokens that are no member (integration, or this emulator's superuser-like string
 * token) reach every project.
 */
export function requestedProjects(state: EmulatorState, request: ApiRequest): EmulatedProject[] {
  const all = [...state.projects.values()];
  const requester = request.requester;
  if (!requester) return all;
  const own = (p: EmulatedProject) => p.teamIds.some((id) => requester.teamRoles.has(id));
  const ids = request.query.getAll("project");
  const everything = ids.length > 0 && ids.every((id) => id === "-1") && isGlobalRole(requester.orgRole);
  return all.filter((p) => everything || own(p));
}
