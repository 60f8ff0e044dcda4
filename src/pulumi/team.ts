// One team file: the Sentry team (and what Sentry does by itself when it creates one, TeamDefaults).
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredTeam } from "../model/organization";
import { adopt, DATA_BEARING, type SentryContext } from "./context";
import { TeamDefaults } from "./dynamic/resources";
import { NAMES, TYPES } from "./names";

export class TeamComponent extends pulumi.ComponentResource {
  readonly team: sentry.SentryTeam;

  constructor(
    name: string,
    args: { context: SentryContext; team: DesiredTeam },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(TYPES.teamComponent, name, {}, opts);
    this.team = new sentry.SentryTeam(
      NAMES.team(args.team.slug),
      { organization: args.context.organization, slug: args.team.slug, name: args.team.name },
      {
        parent: this,
        provider: args.context.sentryProvider,
        ...DATA_BEARING,
        ...adopt(args.team.importId),
      },
    );
    new TeamDefaults(
      NAMES.teamDefaults(args.team.slug),
      {
        baseUrl: args.context.baseUrl,
        organization: args.context.organization,
        team: this.team.slug,
        removeTokenUser: args.team.importId === undefined,
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
