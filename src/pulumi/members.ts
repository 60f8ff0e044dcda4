// One Sentry organization member per person across all team files, with the teams of every file that
// lists them. Provider 0.0.9 has no team-member resource: membership goes through the member's `teams`
// list, and the `admin` team roles through our MemberTeamRoles.
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredMember } from "../model/organization";
import { adopt, type SentryContext } from "./context";
import { MemberTeamRoles, MemberUser } from "./dynamic/resources";
import { NAMES, TYPES } from "./names";

export interface MembersArgs {
  context: SentryContext;
  members: readonly DesiredMember[];
  teams: ReadonlyMap<string, sentry.SentryTeam>;
  /** Members named by `notify: [{member: ...}]`: their Sentry user id is looked up. */
  notifiedEmails: ReadonlySet<string>;
}

/**
 * What the program never changes on a member once it exists:
 * - `role`: provider v0.11.2 sends the role in every member update
 *   (resource_sentry_organization_member.go:138-140); new members are invited as `member`, and the
 *   owners and managers adopted from the live organization keep theirs. Updates then carry the role
 *   read from Sentry, unchanged, which Sentry accepts without any role check
 *   (getsentry/sentry src/sentry/core/endpoints/organization_member_details.py@08004c03, `put`:
 *   `is_update_org_role` is false for the same role) as long as the token's user may assign that role
 *   (`validate_orgRole` in organization_member_index.py@0c951a0b: an adopted owner needs an owner's token).
 * - `email`: once a person accepts the invitation Sentry answers with their account's address
 *   (read into the state by resource_sentry_organization_member.go:122), which may differ from the
 *   invited one; the provider never sends the e-mail on update (lines 138-157), so a difference is only
 *   a perpetual diff. The resource's name is the file's address.
 */
const NEVER_CHANGED: pulumi.CustomResourceOptions = { ignoreChanges: ["role", "email"] };

/**
 * Sentry refuses more than 100 invitations per organization (and per inviting user) a day
 * (getsentry/sentry src/sentry/ratelimits/utils.py@bfeba83b, `DEFAULT_CONFIG`: `members:invite-by-org`
 * and `members:invite-by-user`, 100 per 24 h): an `up` inviting more fails half-way.
 */
export const INVITATIONS_PER_DAY = 100;

/**
 * In a preview, the members this run would invite are those whose Sentry id is not known yet (a member
 * in the state or being imported has one): more than Sentry's daily limit is worth a warning before the
 * `up`. The count is returned as the component's output so that the run waits for it.
 */
function warnAboutInvitations(members: readonly sentry.SentryOrganizationMember[]): Promise<number> {
  if (!pulumi.runtime.isDryRun()) return Promise.resolve(0);
  // `isKnown` is the SDK's own flag for unknown values (output.js), absent from its type declarations.
  const known = members.map((m) => (m.internalId as unknown as { isKnown: Promise<boolean> }).isKnown);
  return Promise.all(known).then((flags) => {
    const invited = flags.filter((isKnown) => !isKnown).length;
    if (invited > INVITATIONS_PER_DAY)
      pulumi.log.warn(
        `Cette modification invite ${invited} personnes ; Sentry n'en accepte que ${INVITATIONS_PER_DAY} par jour et par organisation, et l'\`up\` s'arrêterait en cours : répartissez-la sur plusieurs jours (docs/ops.md). ` +
          `This change invites ${invited} people; Sentry accepts only ${INVITATIONS_PER_DAY} a day per organization, and the \`up\` would stop half-way: split it over several days (docs/ops.md).`,
      );
    return invited;
  });
}

export class OrganizationMembers extends pulumi.ComponentResource {
  readonly byEmail = new Map<string, sentry.SentryOrganizationMember>();
  readonly userIds = new Map<string, pulumi.Output<string>>();

  constructor(name: string, args: MembersArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPES.membersComponent, name, {}, opts);
    const { context } = args;
    for (const member of args.members) {
      // The model lists the teams in Go's byte order, the order the provider reads them back in.
      const teams = member.teams.map((t) => args.teams.get(t.teamSlug)!.slug);
      const resource = new sentry.SentryOrganizationMember(
        NAMES.member(member.email),
        { organization: context.organization, email: member.email, role: member.orgRole, teams },
        {
          parent: this,
          provider: context.sentryProvider,
          ...NEVER_CHANGED,
          ...adopt(member.importId),
        },
      );
      this.byEmail.set(member.email, resource);
      const adminTeams = member.teams.filter((t) => t.role === "admin").map((t) => t.teamSlug);
      if (adminTeams.length > 0) {
        new MemberTeamRoles(
          NAMES.memberTeamRoles(member.email),
          {
            baseUrl: context.baseUrl,
            organization: context.organization,
            memberId: resource.internalId,
            teams: pulumi.all(teams),
            adminTeams,
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
    this.registerOutputs({ invitationsInPreview: warnAboutInvitations([...this.byEmail.values()]) });
  }
}
