// One team file: the Sentry team and its projects.
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredTeam } from "../model/organization";
import { adopt, DATA_BEARING, type SentryContext } from "./context";
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
    this.registerOutputs({});
  }
}
