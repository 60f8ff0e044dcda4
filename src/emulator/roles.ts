// Sentry's organization roles on self-hosted, in priority order, and what the member endpoints derive
// from them. getsentry/sentry src/sentry/conf/server.py (stored version 1215026999), SENTRY_ROLES:
// member < admin (retired once `organizations:team-roles` is on) < manager < owner; no `billing` role.

export const ORG_ROLES = ["member", "admin", "manager", "owner"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const isOrgRole = (role: unknown): role is OrgRole => ORG_ROLES.includes(role as OrgRole);

export const RETIRED_ROLES: readonly OrgRole[] = ["admin"];

/**
 * The roles a member may grant and take away: those of lower or equal priority than its own
 * (getsentry/sentry src/sentry/models/organizationmember.py@fe15f951, get_allowed_roles_to_invite).
 */
export function rolesUpTo(role: string): OrgRole[] {
  const rank = ORG_ROLES.indexOf(role as OrgRole);
  return ORG_ROLES.filter((_r, i) => i <= rank);
}

/** Manager and owner reach every team (`is_global`), so every project is accessible to them. */
export const isGlobalRole = (role: string) => role === "manager" || role === "owner";
