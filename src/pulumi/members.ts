// One Sentry organization member per person across all team files (org role `member`), with the
// teams of every file that lists them. Provider 0.0.9 has no team-member resource: membership goes
// through the member's `teams` list, and the `admin` team role through our TeamMemberRole.
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredMember } from "../model/organization";
import { adopt, type SentryContext } from "./context";
import { MemberUser, TeamMemberRole } from "./dynamic/resources";
import { NAMES, TYPES } from "./names";

export interface MembersArgs {
  context: SentryContext;
  members: readonly DesiredMember[];
  teams: ReadonlyMap<string, sentry.SentryTeam>;
  /** Members named by `notify: [{member: ...}]`: their Sentry user id is looked up. */
  notifiedEmails: ReadonlySet<string>;
}

export class OrganizationMembers extends pulumi.ComponentResource {
  readonly byEmail = new Map<string, sentry.SentryOrganizationMember>();
  readonly userIds = new Map<string, pulumi.Output<string>>();

  constructor(name: string, args: MembersArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPES.membersComponent, name, {}, opts);
    const { context } = args;
    for (const member of args.members) {
      const resource = new sentry.SentryOrganizationMember(
        NAMES.member(member.email),
        {
          organization: context.organization,
          email: member.email,
          role: member.orgRole,
          teams: member.teams.map((t) => args.teams.get(t.teamSlug)!.slug),
        },
        { parent: this, provider: context.sentryProvider, ...adopt(context.adoption?.members, member.email) },
      );
      this.byEmail.set(member.email, resource);
      for (const membership of member.teams.filter((t) => t.role === "admin")) {
        new TeamMemberRole(
          NAMES.teamMemberRole(member.email, membership.teamSlug),
          {
            baseUrl: context.baseUrl,
            organization: context.organization,
            memberId: resource.internalId,
            team: membership.teamSlug,
            role: membership.role,
          },
          { parent: this, dependsOn: [resource] },
        );
      }
      if (args.notifiedEmails.has(member.email)) {
        const user = new MemberUser(
          NAMES.memberUser(member.email),
          { baseUrl: context.baseUrl, organization: context.organization, memberId: resource.internalId },
          { parent: this },
        );
        this.userIds.set(member.email, user.userId);
      }
    }
    this.registerOutputs({});
  }
}
