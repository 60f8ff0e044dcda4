// Organization members (invitations included), their org role and their team memberships.
// MD = getsentry/sentry src/sentry/core/endpoints/organization_member_details.py@c5001730
// MI = getsentry/sentry src/sentry/core/endpoints/organization_member_index.py@57915b5d
// MU = getsentry/sentry src/sentry/core/endpoints/organization_member_utils.py@de5a89d8
import { forbidden, HttpError, notFound, type ApiRequest, type EmulatorApi, fieldErrors } from "../http";
import { isGlobalRole, isOrgRole, ORG_ROLES, RETIRED_ROLES, rolesUpTo, type OrgRole } from "../roles";
import { memberBody, memberDetailBody, teamBody } from "../serialize";
import type { EmulatedMember, EmulatedTeam, EmulatorState } from "../state";

type TeamRoleValue = "contributor" | "admin" | null;

/**
 * Sentry's invitation limits (getsentry/sentry src/sentry/ratelimits/utils.py@bfeba83b:22-29,
 * `for_organization_member_invite`): per inviting user and per organization 100 a day, per invited
 * address 10 a day, fixed windows. Every check counts against all three.
 */
export const INVITE_LIMITS = { byUser: 100, byOrg: 100, toEmail: 10, windowSeconds: 24 * 3600 };
const ERR_RATE_LIMITED = "You are being rate limited for too many invitations.";

/**
 * The roles the request may grant and take away (`get_allowed_org_roles`, MU:190-223): none without
 * `member:admin` (except to invite), none for a token whose user is no member (integration tokens),
 * else the requester's role and those below it. The string-token user of this emulator is no member
 * and acts as Sentry's superuser branch (MU:206-207): every role.
 */
function allowedRoles(r: ApiRequest, creatingInvite: boolean): readonly OrgRole[] {
  if (r.grant?.kind === "integration") return [];
  if (!r.requester) return ORG_ROLES;
  if (!creatingInvite && !r.grant?.scopes.includes("member:admin")) return [];
  return rolesUpTo(r.requester.orgRole);
}

/** The team list a body asks for (`validate_teams` / `validate_teamRoles`, MI:136-161), or field errors. */
function requestedTeams(
  state: EmulatorState,
  body: Record<string, unknown>,
  errors: Record<string, string>,
): { teams?: EmulatedTeam[]; teamRoles?: [EmulatedTeam, TeamRoleValue][] } {
  const resolve = (slugs: unknown[], field: string) => {
    const teams = slugs.map((slug) => (typeof slug === "string" ? state.teamBySlug(slug) : undefined));
    if (teams.some((t) => !t)) errors[field] = "Invalid teams";
    return teams as EmulatedTeam[];
  };
  const result: ReturnType<typeof requestedTeams> = {};
  if (body.teams !== undefined) {
    if (!Array.isArray(body.teams)) errors.teams = `Expected a list of items but got type "${typeof body.teams}".`;
    else result.teams = resolve(body.teams, "teams");
  }
  if (body.teamRoles !== undefined && body.teamRoles !== null) {
    const items = Array.isArray(body.teamRoles) ? (body.teamRoles as { teamSlug?: unknown; role?: unknown }[]) : [];
    if (!Array.isArray(body.teamRoles)) errors.teamRoles = "Expected a list of items.";
    else if (items.some((i) => !["contributor", "admin", null].includes(i?.role as string | null)))
      errors.teamRoles = "Invalid team-role";
    else {
      const teams = resolve(
        items.map((i) => i.teamSlug),
        "teamRoles",
      );
      result.teamRoles = teams.map((team, i) => [team, items[i].role as TeamRoleValue]);
    }
  } else if (body.teamRoles === null) result.teamRoles = [];
  return result;
}

/** `save_team_assignments` (MU:97-141): every membership is deleted, then the new list is created. */
function saveTeamAssignments(member: EmulatedMember, assignments: [EmulatedTeam, TeamRoleValue][]): void {
  member.teamRoles = new Map(assignments.map(([team, role]) => [team.id, role]));
}

export function defineMemberRoutes(api: EmulatorApi): void {
  const s = api.state;
  const read = ["member:read", "member:write", "member:admin"];
  // RelaxedMemberPermission (MU:63-71).
  const put = ["member:invite", "member:write", "member:admin"];

  /** Rate-limit check of one invitation e-mail (`for_organization_member_invite`). */
  const inviteLimited = (r: ApiRequest, email: string): boolean => {
    if (!s.features.has("organizations:invite-members-rate-limits")) return false;
    const now = api.now();
    const { windowSeconds } = INVITE_LIMITS;
    const inviter = r.requester?.userId ?? r.grant?.kind ?? "anonymous";
    const counts = [
      s.countHit(`members:invite-by-user:${inviter}`, windowSeconds, now) > INVITE_LIMITS.byUser,
      s.countHit(`members:invite-by-org:${s.organization.id}`, windowSeconds, now) > INVITE_LIMITS.byOrg,
      s.countHit(`members:org-invite-to-email:${email.toLowerCase()}`, windowSeconds, now) > INVITE_LIMITS.toEmail,
    ];
    return counts.some(Boolean);
  };

  /** `_get_member` (getsentry/sentry src/sentry/api/bases/organizationmember.py@c1fce28a:20-31): `me` is the token's user. */
  const memberOf = (r: ApiRequest): EmulatedMember => {
    const id = r.params.member;
    const member = id === "me" ? r.requester : /^\d+$/.test(id) ? s.members.get(id) : undefined;
    if (!member) throw notFound();
    return member;
  };

  /** The role fields of a body, validated as the request serializer does (MI:55-63, :117-134). */
  const roleErrors = (
    body: Record<string, unknown>,
    allowed: readonly OrgRole[],
    allowRetired: boolean,
    errors: Record<string, string>,
  ) => {
    for (const field of ["role", "orgRole"] as const) {
      const role = body[field];
      if (role === undefined) continue;
      if (!isOrgRole(role)) errors[field] = `"${String(role)}" is not a valid choice.`;
      else if (!allowed.includes(role)) errors[field] = "You do not have permission to set that org-level role";
      else if (!allowRetired && RETIRED_ROLES.includes(role))
        errors[field] = `The role '${role}' is deprecated and may no longer be assigned.`;
    }
  };
  const fail = (errors: Record<string, string>) => {
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  };

  // Approved members and pending invitations, oldest first; `email:` matches the invited address or
  // the user's (MI:205-235).
  api.route("GET", "/organizations/:org/members/", read, (r) => {
    const email = /^email:(.+)$/.exec(r.query.get("query") ?? "")?.[1];
    const members = [...s.members.values()]
      .filter((m) => email === undefined || m.email === email || m.userEmail === email)
      .sort((a, b) => Number(a.id) - Number(b.id));
    return api.page(
      r,
      members.map((m) => memberBody(s, m)),
    );
  });

  // Invitation (MI:326-452).
  api.route("POST", "/organizations/:org/members/", ["member:write", "member:admin", "member:invite"], (r) => {
    const assigned = String(r.body.orgRole ?? r.body.role ?? "member");
    if (!s.features.has("organizations:invite-members"))
      throw new HttpError(403, { organization: "Your organization is not allowed to invite members" });
    let allowed = allowedRoles(r, true);
    // MI:347-354: a DRF ValidationError raised in the view, so the body is a bare list.
    if (allowed.length === 0 && r.grant?.kind === "integration") {
      if (assigned !== "member")
        throw new HttpError(400, [
          "Integration tokens are restricted to inviting new members with the member role only.",
        ]);
      allowed = ["member"];
    }
    const errors: Record<string, string> = {};
    const email = typeof r.body.email === "string" ? r.body.email.trim() : "";
    if (!email) errors.email = "This field is required.";
    else if (email.length > 75) errors.email = "Ensure this field has no more than 75 characters.";
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.email = "Enter a valid email address.";
    else {
      const existing = s.memberByEmail(email);
      if (existing)
        errors.email =
          existing.userId === null
            ? `The user ${email} has already been invited`
            : `The user ${email} is already a member`;
    }
    // `role` and `orgRole` default to "member" and are validated even when absent (MI:55-63).
    roleErrors(
      { role: r.body.role ?? "member", orgRole: r.body.orgRole ?? "member" },
      allowed,
      !s.features.has("organizations:team-roles"),
      errors,
    );
    const requested = requestedTeams(s, r.body, errors);
    fail(errors);
    if (inviteLimited(r, email)) throw new HttpError(429, { detail: ERR_RATE_LIMITED });
    const member = s.createMember(email, assigned);
    // "Do not set team-roles when inviting members" (MI:445-452): the team roles sent are dropped.
    const teams = requested.teamRoles?.length ? requested.teamRoles.map(([t]) => t) : (requested.teams ?? []);
    saveTeamAssignments(
      member,
      teams.map((t) => [t, null]),
    );
    return { status: 201, body: memberBody(s, member) };
  });

  api.route("GET", "/organizations/:org/members/:member/", read, (r) => ({
    status: 200,
    body: memberDetailBody(s, memberOf(r)),
  }));

  // MD:173-369. The order matters: team assignments are saved before the role checks, so a PUT
  // refused for its role has already replaced the teams; a role equal to the member's is no change
  // and skips those checks (MD:338) but must still be one the requester may grant (MI:125-129).
  api.route("PUT", "/organizations/:org/members/:member/", put, (r) => {
    const member = memberOf(r);
    const allowed = allowedRoles(r, false);
    const errors: Record<string, string> = {};
    roleErrors(r.body, allowed, true, errors);
    const requested = requestedTeams(s, r.body, errors);
    fail(errors);

    const scopes = r.grant?.scopes ?? [];
    const reinviteOnly = Object.keys(r.body).every((k) => k === "reinvite" || k === "regenerate");
    if (!scopes.includes("member:admin") && scopes.includes("member:invite") && !reinviteOnly) throw forbidden();
    if (r.body.reinvite) {
      if (!reinviteOnly)
        throw new HttpError(403, {
          detail: "You cannot modify member details when resending an invitation. Separate requests are required.",
        });
      if (member.userId !== null)
        throw new HttpError(400, { detail: "You cannot send an invitation to a user who is already a full member." });
      if (inviteLimited(r, member.email)) throw new HttpError(429, { detail: ERR_RATE_LIMITED });
      return { status: 200, body: memberDetailBody(s, member) };
    }

    const assigned = (r.body.orgRole ?? r.body.role) as OrgRole | undefined;
    // MD:293-317: `teamRoles` wins over `teams`; without the team-roles feature roles are dropped; a
    // body with neither removes the member from every team.
    const assignments: [EmulatedTeam, TeamRoleValue][] = requested.teamRoles
      ? requested.teamRoles.map(([team, role]) => [team, s.features.has("organizations:team-roles") ? role : null])
      : (requested.teams ?? []).map((team) => [team, null]);
    saveTeamAssignments(member, assignments);

    if (assigned && assigned !== member.orgRole) {
      if (!allowed.includes(assigned))
        throw new HttpError(403, { role: "You do not have permission to assign the given role." });
      if (!allowed.includes(member.orgRole as OrgRole))
        throw new HttpError(403, { role: "You do not have permission to assign a role to the given user." });
      if (member === r.requester) throw new HttpError(400, { detail: "You cannot make changes to your own role." });
      if (s.features.has("organizations:team-roles") && RETIRED_ROLES.includes(assigned))
        throw new HttpError(400, { detail: `The role '${assigned}' is deprecated and may no longer be assigned.` });
      member.orgRole = assigned;
    }
    return { status: 200, body: memberDetailBody(s, member) };
  });

  // MD delete(): another member needs `member:admin` and a role at least as high; a token whose user
  // is no member (integration) cannot; the last owner or manager stays.
  api.route("DELETE", "/organizations/:org/members/:member/", read, (r) => {
    const member = memberOf(r);
    const superuser = r.grant?.kind === "user" && !r.requester;
    if (!superuser) {
      const acting = r.requester;
      if (!acting) throw new HttpError(400, { detail: "You cannot remove a member who has more access than you." });
      if (acting !== member) {
        if (!r.grant?.scopes.includes("member:admin"))
          throw new HttpError(400, { detail: "You are missing the member:admin scope." });
        if (ORG_ROLES.indexOf(acting.orgRole as OrgRole) < ORG_ROLES.indexOf(member.orgRole as OrgRole))
          throw new HttpError(400, { detail: "You cannot remove a member who has more access than you." });
      }
    }
    const withOrgWrite = [...s.members.values()].filter((m) => isGlobalRole(m.orgRole));
    if (isGlobalRole(member.orgRole) && withOrgWrite.length === 1)
      throw new HttpError(403, {
        detail: "You cannot remove the only remaining owner or manager of the organization.",
      });
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
  // Adding answers 201 with the team, or 204 when the member already is in it.
  api.route("POST", "/organizations/:org/members/:member/teams/:team/", membershipScopes, (r) => {
    const member = memberOf(r);
    const team = api.team(r.params.team);
    if (member.teamRoles.has(team.id)) return { status: 204 };
    member.teamRoles.set(team.id, null);
    return { status: 201, body: teamBody(s, team, r.requester) };
  });
  api.route("PUT", "/organizations/:org/members/:member/teams/:team/", membershipScopes, (r) => {
    const member = memberOf(r);
    const team = api.team(r.params.team);
    if (!member.teamRoles.has(team.id)) throw notFound();
    if (r.body.teamRole !== "contributor" && r.body.teamRole !== "admin")
      throw new HttpError(400, { detail: "Invalid team-role" });
    member.teamRoles.set(team.id, r.body.teamRole);
    return { status: 200, body: { isActive: true, teamRole: r.body.teamRole } };
  });
  api.route("DELETE", "/organizations/:org/members/:member/teams/:team/", membershipScopes, (r) => {
    const member = memberOf(r);
    const team = api.team(r.params.team);
    member.teamRoles.delete(team.id);
    return { status: 200, body: teamBody(s, team, r.requester) };
  });
}
