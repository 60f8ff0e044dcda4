// Teams and the members of one team.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, getChecked, listChecked, postChecked, putChecked } from "./common";
import { Member } from "./members";

export const Team = Type.Object({
  id: SentryId,
  slug: Type.String(),
  name: Type.String(),
  /** Whether the token's user is a member of the team. */
  isMember: Type.Boolean(),
  memberCount: Type.Integer(),
});
export type Team = Static<typeof Team>;

/** An item of `GET /teams/{org}/{team}/members/`: a member with its role in that team. */
export const TeamMember = Type.Composite([
  Member,
  Type.Object({ teamRole: Nullable(Type.String()), teamSlug: Type.String() }),
]);
export type TeamMember = Static<typeof TeamMember>;

const teamPath = (org: string, team: string) => `teams/${segment(org)}/${segment(team)}/`;

export const listTeams = (client: SentryClient, org: string) =>
  listChecked(client, `organizations/${segment(org)}/teams/`, Team);

export const getTeam = (client: SentryClient, org: string, team: string) =>
  getChecked(client, teamPath(org, team), Team);

export const createTeam = (client: SentryClient, org: string, body: { slug: string; name?: string }) =>
  postChecked(client, `organizations/${segment(org)}/teams/`, body, Team);

export const updateTeam = (client: SentryClient, org: string, team: string, body: { slug?: string; name?: string }) =>
  putChecked(client, teamPath(org, team), body, Team);

export const deleteTeam = (client: SentryClient, org: string, team: string) => client.delete(teamPath(org, team));

export const listTeamMembers = (client: SentryClient, org: string, team: string) =>
  listChecked(client, `${teamPath(org, team)}members/`, TeamMember);
