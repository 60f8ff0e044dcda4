// Sentry notifies a person through their *user* id, which exists only once they accepted the
// invitation; provider 0.0.9 exposes only the member id. This dynamic resource reads the user id of a
// member ("" while the invitation is pending). Its diff asks Sentry again while it is pending, so the
// first `pulumi up` after the person joins switches the alert from the team to the person.
import type * as pulumi from "@pulumi/pulumi";
import { getMember } from "../../sentry/api/members";
import { sentryClientFromEnvironment } from "../../sentry/client";

export interface MemberUserInputs {
  baseUrl: string;
  organization: string;
  /** `SentryOrganizationMember.internalId`. */
  memberId: string;
}

export interface MemberUserOutputs extends MemberUserInputs {
  userId: string;
}

async function readUserId(inputs: MemberUserInputs): Promise<string> {
  const member = await getMember(sentryClientFromEnvironment(inputs.baseUrl), inputs.organization, inputs.memberId);
  return member.user ? member.user.id : "";
}

export const memberUserProvider: pulumi.dynamic.ResourceProvider<MemberUserInputs, MemberUserOutputs> = {
  async create(inputs) {
    return {
      id: `${inputs.organization}/${inputs.memberId}/user`,
      outs: { ...inputs, userId: await readUserId(inputs) },
    };
  },
  async diff(_id, olds, news) {
    const inputsChanged =
      olds.memberId !== news.memberId || olds.organization !== news.organization || olds.baseUrl !== news.baseUrl;
    const stillPending = olds.userId === "";
    return { changes: inputsChanged || (stillPending && (await readUserId(news)) !== "") };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, userId: await readUserId(news) } };
  },
  async read(id, props) {
    return { id, props: { ...props!, userId: await readUserId(props!) } };
  },
  async delete() {
    // Read-only resource.
  },
};
