// Provider 0.0.9 puts members on teams only through the member's `teams` list, always with the
// default team role. This dynamic resource gives a member the `admin` team role on one team;
// deleting it (the file no longer says admin) sets the role back to `contributor`.
import type * as pulumi from "@pulumi/pulumi";
import { SentryApiError, sentryClientFromEnvironment } from "../../sentry/client";

export interface TeamMemberRoleInputs {
  baseUrl: string;
  organization: string;
  /** `SentryOrganizationMember.internalId`. */
  memberId: string;
  team: string;
  role: "admin" | "contributor";
}

const rolePath = (i: TeamMemberRoleInputs) =>
  `organizations/${encodeURIComponent(i.organization)}/members/${encodeURIComponent(i.memberId)}/teams/${encodeURIComponent(i.team)}/`;

async function setRole(inputs: TeamMemberRoleInputs, role: TeamMemberRoleInputs["role"]): Promise<void> {
  await sentryClientFromEnvironment(inputs.baseUrl).put(rolePath(inputs), { teamRole: role });
}

export const teamMemberRoleProvider: pulumi.dynamic.ResourceProvider<TeamMemberRoleInputs, TeamMemberRoleInputs> = {
  async create(inputs) {
    await setRole(inputs, inputs.role);
    return { id: `${inputs.organization}/${inputs.memberId}/${inputs.team}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "memberId", "team"] as const).filter((k) => olds[k] !== news[k]);
    return {
      changes: replaces.length > 0 || olds.role !== news.role || olds.baseUrl !== news.baseUrl,
      replaces,
      deleteBeforeReplace: true,
    };
  },
  async update(_id, _olds, news) {
    await setRole(news, news.role);
    return { outs: news };
  },
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const member = await client.get<{ teamRoles?: { teamSlug: string; role: string | null }[] }>(
      `organizations/${encodeURIComponent(props!.organization)}/members/${encodeURIComponent(props!.memberId)}/`,
    );
    const role = member.teamRoles?.find((t) => t.teamSlug === props!.team)?.role ?? "contributor";
    return { id, props: { ...props!, role: role === "admin" ? "admin" : "contributor" } };
  },
  async delete(_id, props) {
    try {
      await setRole(props, "contributor");
    } catch (error) {
      // Member or membership already gone: nothing left to demote.
      if (!(error instanceof SentryApiError && error.status === 404)) throw error;
    }
  },
};
