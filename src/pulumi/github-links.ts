// One GitHub App installation entry and one Sentry repository link per distinct repository.
// Per-repository `AppInstallationRepository` is additive; the plural resource is authoritative and
// would remove the repositories ops added to the installation by hand, so it is never used.
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import type { DesiredRepository } from "../model/organization";
import { adopt, type SentryContext } from "./context";
import { NAMES, TYPES } from "./names";

export interface RepositoryLinksArgs {
  context: SentryContext;
  repositories: readonly DesiredRepository[];
  githubProviders: ReadonlyMap<string, pulumi.ProviderResource>;
}

export class RepositoryLinks extends pulumi.ComponentResource {
  readonly byIdentifier = new Map<
    string,
    { link: sentry.SentryOrganizationRepositoryGithub; sentryIntegrationId: string }
  >();

  constructor(name: string, args: RepositoryLinksArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPES.repositoryLinksComponent, name, {}, opts);
    for (const repository of args.repositories) {
      const installation = new github.AppInstallationRepository(
        NAMES.installationRepository(repository),
        { installationId: repository.installationId, repository: repository.name },
        {
          parent: this,
          provider: args.githubProviders.get(repository.owner),
          ...adopt(repository.importIds?.installation),
        },
      );
      const link = new sentry.SentryOrganizationRepositoryGithub(
        NAMES.repositoryLink(repository),
        {
          organization: args.context.organization,
          integrationId: repository.sentryIntegrationId,
          identifier: repository.identifier,
        },
        // Sentry can only link a repository the GitHub App can see.
        {
          parent: this,
          provider: args.context.sentryProvider,
          dependsOn: [installation],
          ...adopt(repository.importIds?.link),
        },
      );
      this.byIdentifier.set(repository.identifier, { link, sentryIntegrationId: repository.sentryIntegrationId });
    }
    this.registerOutputs({});
  }
}
