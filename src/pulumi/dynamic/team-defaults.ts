// What Sentry does by itself with every team it creates, taken in hand: it makes the user whose token
// created the team a member of it (getsentry/sentry src/sentry/core/endpoints/organization_teams.py@0e1ae333,
// `should_add_creator_to_team` and `post`). The program creates teams with a user token, so that user
// would stay in every new team and receive all their alerts. Right after the team is created, the token's
// user leaves it (`members/me/`: Sentry lets anyone remove their own membership,
// organization_member_team_details.py@05c8a60e, `_can_delete`). Adopted teams are left as they are: the
// token's user may belong to them on purpose. Deleting this resource does nothing.
import type * as pulumi from "@pulumi/pulumi";
import { removeMemberFromTeam } from "../../sentry/api/members";
import { sentryClientFromEnvironment } from "../../sentry/client";

export interface TeamDefaultsInputs {
  baseUrl: string;
  organization: string;
  team: string;
  /** Creation only: false for adopted teams. */
  removeTokenUser: boolean;
}

export const teamDefaultsProvider: pulumi.dynamic.ResourceProvider<TeamDefaultsInputs, TeamDefaultsInputs> = {
  async create(inputs) {
    if (inputs.removeTokenUser)
      await removeMemberFromTeam(sentryClientFromEnvironment(inputs.baseUrl), inputs.organization, "me", inputs.team);
    return { id: `${inputs.organization}/${inputs.team}/defaults`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "team"] as const).filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0 || olds.baseUrl !== news.baseUrl, replaces };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};
