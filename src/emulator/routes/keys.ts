// Client keys (10 per page, addressed by public key) and inbound filters of a project.
import { HttpError, notFound, type ApiRequest, type EmulatorApi } from "../http";
import { keyBody } from "../serialize";
import { FILTER_IDS, type EmulatedProject } from "../state";

/**
 * `rateLimit` reads back as null unless both values are non-zero (getsentry/sentry
 * src/sentry/api/serializers/models/project_key.py, stored version 57478845809, `rateLimit`).
 */
function rateLimitOf(value: unknown): { count: number; window: number } | null {
  const limit = value as { count?: number; window?: number } | null | undefined;
  return limit && limit.count && limit.window ? { count: Number(limit.count), window: Number(limit.window) } : null;
}

export function defineKeyAndFilterRoutes(api: EmulatorApi): void {
  const s = api.state;
  const read = ["project:read", "project:write", "project:admin"];
  const write = ["project:write", "project:admin"];

  const keysOf = (project: EmulatedProject) =>
    [...s.keys.values()]
      .filter((k) => k.projectId === project.id)
      .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
  const keyOf = (r: ApiRequest) => {
    const project = api.project(r.params.project);
    const key = s.keys.get(r.params.key);
    if (!key || key.projectId !== project.id) throw notFound();
    return key;
  };

  api.route("GET", "/projects/:org/:project/keys/", read, (r) =>
    api.page(
      r,
      keysOf(api.project(r.params.project)).map((k) => keyBody(k, api.publicUrl)),
      10,
    ),
  );
  api.route("POST", "/projects/:org/:project/keys/", write, (r) => {
    const key = s.createKey(
      api.project(r.params.project),
      typeof r.body.name === "string" && r.body.name ? r.body.name : "Generated Key",
    );
    key.rateLimit = rateLimitOf(r.body.rateLimit);
    return { status: 201, body: keyBody(key, api.publicUrl) };
  });
  api.route("GET", "/projects/:org/:project/keys/:key/", read, (r) => ({
    status: 200,
    body: keyBody(keyOf(r), api.publicUrl),
  }));
  api.route("PUT", "/projects/:org/:project/keys/:key/", write, (r) => {
    const key = keyOf(r);
    if (typeof r.body.name === "string") key.name = r.body.name;
    if (typeof r.body.isActive === "boolean") key.isActive = r.body.isActive;
    if ("rateLimit" in r.body) key.rateLimit = rateLimitOf(r.body.rateLimit);
    return { status: 200, body: keyBody(key, api.publicUrl) };
  });
  api.route("DELETE", "/projects/:org/:project/keys/:key/", ["project:admin"], (r) => {
    s.keys.delete(keyOf(r).id);
    return { status: 204 };
  });

  api.route("GET", "/projects/:org/:project/filters/", read, (r) => {
    const project = api.project(r.params.project);
    return { status: 200, body: FILTER_IDS.map((id) => ({ id, active: project.filters[id] })) };
  });
  api.route("PUT", "/projects/:org/:project/filters/:filter/", write, (r) => {
    const project = api.project(r.params.project);
    const id = r.params.filter;
    if (!(FILTER_IDS as readonly string[]).includes(id)) throw notFound();
    if (id === "legacy-browsers" && Array.isArray(r.body.subfilters))
      project.filters[id] = r.body.subfilters.length > 0 ? (r.body.subfilters as string[]) : false;
    else if (typeof r.body.active === "boolean") project.filters[id] = r.body.active;
    else throw new HttpError(400, { active: ["This field is required."] });
    return { status: 204 };
  });
}
