// What the design assumes of the live instance, as data: each assumption with the source that makes it
// necessary. The preflight checks (checks.ts) read these tables; docs/ops.md lists them for ops.
// GS = getsentry/sentry; "stored version N" is the version the code index returns by id.

export type TokenKind = "deploy" | "read-only";
export const TOKEN_KINDS: readonly TokenKind[] = ["deploy", "read-only"];

export interface ScopeNeed {
  /** What the token does with it, for the message. */
  does: string;
  /** Sentry's permission classes accept any one of these scopes. */
  anyOf: readonly string[];
  /** The one to create a token with (the narrowest, unless another need asks for a broader one anyway). */
  grant: string;
  /** The tokens that need it: `deploy` needs every need, `read-only` those marked so. */
  readOnly: boolean;
  source: string;
}

const ORGANIZATION_PERMISSIONS = "GS src/sentry/api/bases/organization.py (stored version 1276498491)";
const PROJECT_PERMISSIONS = "GS src/sentry/api/bases/project.py (stored version 1526553827)";

/**
 * The scopes the endpoints the program calls need. Each permission class maps a method to the scopes it
 * accepts, any one of them (`has_object_permission`: `any(request.access.has_scope(s) ...)`).
 */
export const SCOPE_NEEDS: readonly ScopeNeed[] = [
  {
    does: "read the organization, its integrations, repositories and code mappings",
    anyOf: ["org:read", "org:write", "org:admin"],
    grant: "org:read",
    readOnly: true,
    source: `${ORGANIZATION_PERMISSIONS} OrganizationPermission and OrganizationIntegrationsLoosePermission, GET`,
  },
  {
    does: "read teams and their members",
    anyOf: ["team:read", "team:write", "team:admin"],
    grant: "team:read",
    readOnly: true,
    source: "GS src/sentry/api/bases/team.py (stored version 511905797) TeamPermission, GET",
  },
  {
    does: "read projects, their keys, filters, plugins and alert rules",
    anyOf: ["project:read", "project:write", "project:admin"],
    grant: "project:read",
    readOnly: true,
    source: `${PROJECT_PERMISSIONS} ProjectPermission and ProjectAlertRulePermission, GET`,
  },
  {
    does: "read members and invitations",
    anyOf: ["member:read", "member:write", "member:admin"],
    grant: "member:read",
    readOnly: true,
    source: "GS src/sentry/api/bases/organizationmember.py (stored version 1273264800) MemberPermission, GET",
  },
  {
    does: "create teams",
    anyOf: ["org:write", "org:admin", "team:write"],
    grant: "team:write",
    readOnly: false,
    source: "GS organization_teams.py (stored version 1809726915) OrganizationTeamsPermission, POST",
  },
  {
    does: "create and update projects, their keys, filters and plugins",
    anyOf: ["project:write", "project:admin"],
    grant: "project:write",
    readOnly: false,
    source: `${PROJECT_PERMISSIONS} ProjectPermission, POST and PUT; GS team_projects.py (stored version 3531383432) TeamProjectPermission, POST`,
  },
  {
    does: "create, update and delete issue alert rules",
    anyOf: ["project:write", "project:admin", "alerts:write"],
    grant: "alerts:write",
    readOnly: false,
    source: `${PROJECT_PERMISSIONS} ProjectAlertRulePermission, POST, PUT and DELETE`,
  },
  {
    does: "invite members",
    anyOf: ["member:write", "member:admin", "member:invite"],
    grant: "member:admin",
    readOnly: false,
    source: "GS src/sentry/api/bases/organizationmember.py (stored version 1273264800) MemberPermission, POST",
  },
  {
    does: "change members' teams and remove members (a token without it may only re-send invitations)",
    anyOf: ["member:admin"],
    grant: "member:admin",
    readOnly: false,
    source:
      "GS src/sentry/core/endpoints/organization_member_details.py@c5001730:218-231 and `delete`; organization_member_utils.py@de5a89d8:190-223",
  },
  {
    does: "delete repository links and code mappings",
    anyOf: ["org:admin", "org:integrations"],
    grant: "org:integrations",
    readOnly: false,
    source: `${ORGANIZATION_PERMISSIONS} OrganizationIntegrationsLoosePermission, DELETE`,
  },
];

/** Scopes that change nothing: a preview or drift token has only these, so a leak cannot write. */
export const isReadScope = (scope: string) => scope.endsWith(":read");

/**
 * Org roles the token's user may have. Member updates and removals need `member:admin` and a role at least
 * as high as the member's, and a user token acts with its user's role as an upper bound; only manager and
 * owner reach every team and project (`is_global`), which the full reads (code mappings with `project=-1`
 * included) need.
 */
export const TOKEN_USER_ROLES = {
  allowed: ["manager", "owner"],
  /** Lowest first, as Sentry ranks them on self-hosted. */
  ranked: ["member", "admin", "manager", "owner"],
  source:
    "GS src/sentry/conf/server.py (stored version 1215026999) SENTRY_ROLES; organization_member_utils.py@de5a89d8:190-223; src/sentry/integrations/api/endpoints/organization_code_mappings.py@c7ee81d7:164-186",
};

/**
 * A member update sent by a lower role is refused even when the role does not change: the serializer only
 * accepts roles the requester may grant (the provider sends `role` with every member update).
 */
export const MEMBER_UPDATE_ROLE_SOURCE =
  "GS src/sentry/core/endpoints/organization_member_index.py@57915b5d:117-134; terraform-provider-sentry v0.11.2 resource_sentry_organization_member.go:131-164";

/** The token's user is added to every team it creates: in a dedicated account, it is in no team. */
export const TEAM_CREATOR_SOURCE = "GS src/sentry/core/endpoints/organization_teams.py@d2bdc6de:162-163, 209-219";

export interface FeatureNeed {
  /** As the serializer lists it: organization features in the organization, project features per project. */
  listed: string;
  flag: string;
  scope: "organization" | "project";
  why: string;
  source: string;
}

/**
 * Feature flags the program relies on. Serializers list flags without their scope prefix, organization
 * features on the organization and project features on each project (GS
 * src/sentry/api/serializers/models/organization.py, stored version 1316089045, `get_feature_set`;
 * src/sentry/api/serializers/models/project.py, stored version 1216993452, `get_features_for_projects`).
 */
export const FEATURE_NEEDS: readonly FeatureNeed[] = [
  {
    listed: "team-roles",
    flag: "organizations:team-roles",
    scope: "organization",
    why: "without it Sentry stores every team role as none: `teamRole: admin` of the team files would never hold",
    source:
      "GS organization_member_details.py (stored version 1261808391) `teamRoles`; src/sentry/features/permanent.py@896604d6",
  },
  {
    listed: "invite-members",
    flag: "organizations:invite-members",
    scope: "organization",
    why: 'without it Sentry refuses every invitation ("Your organization is not allowed to invite members")',
    source:
      "GS src/sentry/core/endpoints/organization_member_index.py@57915b5d `post`; src/sentry/features/temporary.py (stored version 5684415404)",
  },
  {
    listed: "rate-limits",
    flag: "projects:rate-limits",
    scope: "project",
    why: "without it Sentry ignores the DSN key rate limit the stack sets (defaults.keyRateLimit)",
    source:
      "GS src/sentry/api/endpoints/project_key_details.py (stored version 2252805455) `rateLimit`; src/sentry/features/permanent.py@896604d6",
  },
];

/**
 * The oldest Sentry release the design was checked against: the first self-hosted release made after
 * Sentry's published API schema (getsentry/sentry-api-schema) documented every response field the
 * program's typed client requires. Older releases may have them (team roles came in 2022,
 * getsentry/sentry#35391, #36361) but nothing here was checked against them. Release dates are the
 * getsentry/self-hosted tags.
 */
export const VERSION_NEEDS = [
  {
    needs: "`orgRole` on organization members (src/sentry/api/members.ts)",
    documented: "getsentry/sentry-api-schema@e3462e28, 2024-03-07",
    since: "24.3.0",
  },
  {
    needs: "the team role endpoint `PUT /organizations/{org}/members/{id}/teams/{team}/` with `teamRole`",
    documented: "getsentry/sentry-api-schema@5539fcf1, 2024-06-06",
    since: "24.6.0",
  },
  {
    needs: "`teamRole` and `teamSlug` on a team's member list (the importer's team roles)",
    documented: "getsentry/sentry-api-schema@53974437, 2024-07-19",
    since: "24.8.0",
  },
] as const;
