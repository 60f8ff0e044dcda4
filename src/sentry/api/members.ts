// Organization members (invitations included) and their team memberships.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, getChecked, listChecked, postChecked, putChecked } from "./common";

export const MemberUser = Type.Object({ id: SentryId, email: Type.String() });

export const Member = Type.Object({
  id: SentryId,
  /** The invited address while pending; the user's address once the invitation is accepted. */
  email: Type.String(),
  /** Absent or null until the invitation is accepted. */
  user: Type.Optional(Nullable(MemberUser)),
  orgRole: Type.String(),
  pending: Type.Boolean(),
  expired: Type.Boolean(),
  dateCreated: Type.String(),
});
export type Member = Static<typeof Member>;

export const TeamRole = Type.Object({ teamSlug: Type.String(), role: Nullable(Type.String()) });

/** `GET|PUT /organizations/{org}/members/{id}/`: a member with its teams and team roles. */
export const MemberDetail = Type.Composite([
  Member,
  Type.Object({ teams: Type.Array(Type.String()), teamRoles: Type.Array(TeamRole) }),
]);
export type MemberDetail = Static<typeof MemberDetail>;

/** `PUT /organizations/{org}/members/{id}/teams/{team}/`. */
export const TeamMembershipRole = Type.Object({ isActive: Type.Boolean(), teamRole: Nullable(Type.String()) });
export type TeamMembershipRole = Static<typeof TeamMembershipRole>;

export interface MemberInvite {
  email: string;
  orgRole: string;
  teamRoles?: { teamSlug: string; role: "contributor" | "admin" | null }[];
}

export interface MemberUpdate {
  orgRole?: string;
  /** The member's whole team list: teams left out are left. */
  teamRoles?: { teamSlug: string; role: "contributor" | "admin" | null }[];
}

const membersPath = (org: string) => `organizations/${segment(org)}/members/`;
/** `me` is the token's own user (Sentry resolves it for user tokens). */
const memberPath = (org: string, member: string) => `${membersPath(org)}${segment(member)}/`;
const membershipPath = (org: string, member: string, team: string) =>
  `${memberPath(org, member)}teams/${segment(team)}/`;

export const listMembers = (client: SentryClient, org: string, query?: { email: string }) =>
  listChecked(
    client,
    query ? `${membersPath(org)}?${new URLSearchParams({ query: `email:${query.email}` })}` : membersPath(org),
    Member,
  );

export const getMember = (client: SentryClient, org: string, member: string | "me") =>
  getChecked(client, memberPath(org, member), MemberDetail);

export const inviteMember = (client: SentryClient, org: string, body: MemberInvite) =>
  postChecked(client, membersPath(org), body, Member);

export const updateMember = (client: SentryClient, org: string, member: string, body: MemberUpdate) =>
  putChecked(client, memberPath(org, member), body, MemberDetail);

export const deleteMember = (client: SentryClient, org: string, member: string) =>
  client.delete(memberPath(org, member));

/** How Sentry answered an add to a team: added (201), already there (204) or an access request (202). */
export type TeamMembershipOutcome = "added" | "already-member" | "requested";

export async function addMemberToTeam(
  client: SentryClient,
  org: string,
  member: string,
  team: string,
): Promise<TeamMembershipOutcome> {
  const { status } = await client.request("POST", membershipPath(org, member, team));
  return status === 204 ? "already-member" : status === 202 ? "requested" : "added";
}

export const removeMemberFromTeam = (client: SentryClient, org: string, member: string, team: string) =>
  client.delete(membershipPath(org, member, team));

export const setTeamRole = (
  client: SentryClient,
  org: string,
  member: string,
  team: string,
  teamRole: "contributor" | "admin",
) => putChecked(client, membershipPath(org, member, team), { teamRole }, TeamMembershipRole);

/**
 * An item of `GET /organizations/{org}/users/`: a member who accepted the invitation (an active user),
 * with the projects its teams give access to (getsentry/sentry src/sentry/api/endpoints/organization_users.py@5ec5f9d:41
 * (`user__is_active=True`: pending invitations have no user), OrganizationMemberWithProjectsSerializer). Not paginated.
 */
export const OrganizationUser = Type.Object({
  id: SentryId,
  user: Nullable(Type.Object({ id: SentryId })),
  projects: Type.Array(Type.String()),
});
export type OrganizationUser = Static<typeof OrganizationUser>;

/** `project=-1`: users of every project, not only the token user's. */
export const listOrganizationUsers = (client: SentryClient, org: string) =>
  getChecked(client, `organizations/${segment(org)}/users/?project=-1`, Type.Array(OrganizationUser));
