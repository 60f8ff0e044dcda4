// The API root and the organization.
import { READ_ORG, type EmulatorApi } from "../http";
import { organizationBody } from "../serialize";

export function defineOrganizationRoutes(api: EmulatorApi): void {
  const s = api.state;

  // `GET /api/0/` needs no token: the version, the token's scopes and its user, or nulls
  // (getsentry/sentry src/sentry/api/endpoints/index.py@2d78a13b:11-25).
  api.route(
    "GET",
    "/",
    [],
    (r) => ({
      status: 200,
      body: {
        version: "0",
        auth: r.grant ? { scopes: r.grant.scopes } : null,
        user: r.requester?.userId
          ? { id: r.requester.userId, username: s.memberEmail(r.requester), email: s.memberEmail(r.requester) }
          : null,
      },
    }),
    { public: true },
  );

  // `GET /api/client-config/` is a plain Django view, open to anyone, that boots the web UI; its `version`
  // names the running release (getsentry/sentry src/sentry/web/urls.py@00901327 `api/client-config/`,
  // src/sentry/web/client_config.py@01f6c0f7 `_get_version_info`). A bearer token does not log the
  // request in (session authentication only), hence no user. The fields the tools do not read are left out.
  api.route(
    "GET",
    "/client-config/",
    [],
    () => ({
      status: 200,
      body: {
        version: { current: s.release, latest: s.release, build: s.release, upgradeAvailable: false },
        isSelfHosted: true,
        isAuthenticated: false,
        user: null,
      },
    }),
    { public: true, unversioned: true },
  );

  api.route("GET", "/organizations/:org/", READ_ORG, () => ({
    status: 200,
    body: organizationBody(s, api.publicUrl),
  }));
}
