// The `admin` team roles of one member. Provider 0.0.9 puts members on teams only through the
// member's `teams` list, with no team role, and every update of a member sends that whole list
// (resource_sentry_organization_member.go:138-157, go-sentry organization_members.go `Update`), which
// Sentry turns into new memberships without a role (getsentry/sentry
// src/sentry/core/endpoints/organization_member_utils.py@05c8a60e, `save_team_assignments`: delete
// every membership, create the new list with the roles of `teamRoles` only). So this resource's inputs
// hold the member's whole team list: any change of it updates the member first (dependsOn) and then
// this resource, which sets the admin roles again in the same `up`. Removing `admin` from a file (or
// the resource) sets `contributor` back.
import type * as pulumi from "@pulumi/pulumi";
import { getMember, setTeamRole } from "../../sentry/api/members";
import { SentryApiError, sentryClientFromEnvironment } from "../../sentry/client";

export interface MemberTeamRolesInputs {
  baseUrl: string;
  organization: string;
  /** `SentryOrganizationMember.internalId`. */
  memberId: string;
  /** Every team of the member, as the member resource declares them. */
  teams: string[];
  /** The teams where the member is `admin`. */
  adminTeams: string[];
}

type TeamRole = "admin" | "contributor";

async function setRoles(inputs: MemberTeamRolesInputs, teams: readonly string[], role: TeamRole): Promise<void> {
  const client = sentryClientFromEnvironment(inputs.baseUrl);
  for (const team of teams) {
    try {
      await setTeamRole(client, inputs.organization, inputs.memberId, team, role);
    } catch (error) {
      // Demoting where the member or the membership is already gone: nothing left to do.
      if (!(role === "contributor" && error instanceof SentryApiError && error.status === 404)) throw error;
    }
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

export const memberTeamRolesProvider: pulumi.dynamic.ResourceProvider<MemberTeamRolesInputs, MemberTeamRolesInputs> = {
  async create(inputs) {
    await setRoles(inputs, inputs.adminTeams, "admin");
    return { id: `${inputs.organization}/${inputs.memberId}/team-roles`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "memberId"] as const).filter((k) => olds[k] !== news[k]);
    const changes =
      replaces.length > 0 ||
      olds.baseUrl !== news.baseUrl ||
      !sameList(olds.teams, news.teams) ||
      !sameList(olds.adminTeams, news.adminTeams);
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async update(_id, olds, news) {
    // Every admin role again: the member's own update, just before, may have reset them all.
    await setRoles(news, news.adminTeams, "admin");
    await setRoles(
      news,
      olds.adminTeams.filter((team) => news.teams.includes(team) && !news.adminTeams.includes(team)),
      "contributor",
    );
    return { outs: news };
  },
  /** The live roles, so that a role reset in Sentry shows in a refresh and the next `up` sets it again. */
  async read(id, props) {
    const member = await getMember(sentryClientFromEnvironment(props!.baseUrl), props!.organization, props!.memberId);
    const admin = new Set(member.teamRoles.filter((t) => t.role === "admin").map((t) => t.teamSlug));
    return { id, props: { ...props!, adminTeams: props!.adminTeams.filter((team) => admin.has(team)) } };
  },
  async delete(_id, props) {
    await setRoles(props, props.adminTeams, "contributor");
  },
};
