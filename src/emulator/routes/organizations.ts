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

  api.route("GET", "/organizations/:org/", READ_ORG, () => ({
    status: 200,
    body: organizationBody(s, api.publicUrl),
  }));
}
