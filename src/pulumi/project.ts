// One Sentry project with Sentry's own defaults taken in hand (adopted DSN key, auto-created rule
// removed), its privacy and hygiene guardrails, its managed alert rules, its performance alerts, its
// Mattermost webhooks and its code mapping.
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import {
  CRITICAL_TRIGGER,
  metricAlertActions,
  NOTIFY_SERVICE,
  resolveActions,
  sentryRuleFields,
  type AssignedIds,
} from "../model/alert-rules";
import type { DesiredOrganization, DesiredProject } from "../model/organization";
import { adopt, DATA_BEARING, type SentryContext } from "./context";
import { CodeMapping, ProjectDefaults, ProjectGuardrails } from "./dynamic/resources";
import { NAMES, TYPES } from "./names";

export interface ProjectArgs {
  context: SentryContext;
  project: DesiredProject;
  team: sentry.SentryTeam;
  organization: DesiredOrganization;
  /** Ids Sentry assigned to teams and users, for alert actions. */
  ids: {
    teamId: (slug: string) => pulumi.Output<string>;
    /** The slug of a declared team, as an output: the project then waits for the team. */
    teamSlug: (slug: string) => pulumi.Output<string>;
    userId: (email: string) => pulumi.Output<string>;
  };
  /** Linked Sentry repositories by identifier, for the code mapping. */
  repositories: ReadonlyMap<string, { link: sentry.SentryOrganizationRepositoryGithub; sentryIntegrationId: string }>;
}

export class ProjectComponent extends pulumi.ComponentResource {
  readonly project: sentry.SentryProject;
  readonly dsnPublic: pulumi.Output<string>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPES.projectComponent, name, {}, opts);
    const { context, project, organization } = args;
    const child = { parent: this, provider: context.sentryProvider };

    this.project = new sentry.SentryProject(
      NAMES.project(project.slug),
      {
        organization: context.organization,
        slug: project.slug,
        name: project.name,
        // A TypeSet in provider v0.11.2 (resource_sentry_project.go:44-52): order does not matter.
        teams: project.teams.map(args.ids.teamSlug),
        ...(project.platform ? { platform: project.platform } : {}),
      },
      { ...child, ...DATA_BEARING, ...adopt(project.adoption?.importId) },
    );
    // Inputs taken from the project's outputs already order these resources after it.
    const projectSlug = this.project.slug;

    const defaults = new ProjectDefaults(
      NAMES.projectDefaults(project.slug),
      {
        baseUrl: context.baseUrl,
        organization: context.organization,
        project: projectSlug,
        rateLimitCount: project.keyRateLimit.count,
        rateLimitWindow: project.keyRateLimit.window,
        rateLimitIsOverride: project.keyRateLimitIsOverride,
        adopted: project.adoption?.importId !== undefined,
      },
      { parent: this },
    );
    this.dsnPublic = defaults.dsnPublic;

    new ProjectGuardrails(
      NAMES.projectGuardrails(project.slug),
      {
        baseUrl: context.baseUrl,
        organization: context.organization,
        project: projectSlug,
        ...project.privacy,
        inboundFilters: project.inboundFilters,
      },
      { parent: this },
    );

    const targets = [
      ...project.alertRules.flatMap((r) => r.actions),
      ...project.performanceAlerts.flatMap((a) => a.targets),
    ];
    const teamIds = [
      ...new Set(
        targets.flatMap((a) => (a.kind === "team" ? [a.teamSlug] : a.kind === "member" ? [a.fallbackTeamSlug] : [])),
      ),
    ];
    const emails = [...new Set(targets.flatMap((a) => (a.kind === "member" ? [a.email] : [])))];
    const assigned: pulumi.Output<AssignedIds> = pulumi
      .all([pulumi.all(teamIds.map(args.ids.teamId)), pulumi.all(emails.map(args.ids.userId))])
      .apply(([teamValues, userValues]) => ({
        teamId: (slug: string) => teamValues[teamIds.indexOf(slug)],
        userId: (email: string) => userValues[emails.indexOf(email)],
      }));

    // Sentry refuses a rule notifying the Webhooks service unless the plugin is enabled on the project
    // (see docs/architecture.md): the Mattermost rules wait for it.
    let webhooks: sentry.SentryPlugin | undefined;
    if (project.mattermostChannels.length > 0 && organization.mattermostWebhookUrl) {
      const bridge = organization.mattermostWebhookUrl;
      webhooks = new sentry.SentryPlugin(
        NAMES.webhooks(project.slug),
        {
          organization: context.organization,
          project: projectSlug,
          plugin: "webhooks",
          config: {
            urls: project.mattermostChannels
              .map((channel) => `${bridge}?channel=${encodeURIComponent(channel)}`)
              .join("\n"),
          },
        },
        child,
      );
    }

    for (const rule of project.alertRules) {
      const notifiesWebhooks = rule.actions.some((a) => a.kind === "node" && a.node.id === NOTIFY_SERVICE);
      new sentry.SentryIssueAlert(
        NAMES.alert(project.slug, rule.bodyKey),
        {
          organization: context.organization,
          project: projectSlug,
          ...sentryRuleFields(rule),
          actions: assigned.apply((ids) => resolveActions(rule.actions, ids)),
        },
        {
          ...child,
          // Created after Sentry's own default rule is gone: an identical rule would be refused as a duplicate.
          dependsOn: [defaults, ...(notifiesWebhooks && webhooks ? [webhooks] : [])],
          // An adopted live rule: the engine reads it, then updates it to these inputs (provider v0.11.2
          // reads conditions, filters and actions back as [] on import, resource_sentry_issue_alert.go:225-227
          // and helpers.go `followShape`, so the update always follows; engines before 3.174.0 failed the
          // import on that difference instead: pulumi/pulumi#19339, the CLI is pinned above it).
          ...adopt(project.adoption?.ruleImportIds.get(rule.name)),
        },
      );
    }

    for (const alert of project.performanceAlerts) {
      const resolve = alert.resolveThreshold !== undefined ? { resolveThreshold: alert.resolveThreshold } : {};
      new sentry.SentryMetricAlert(
        NAMES.performanceAlert(project.slug, alert.nameKey),
        {
          organization: context.organization,
          project: projectSlug,
          name: alert.name,
          dataset: alert.dataset,
          // Required by the provider (resource_sentry_metric_alert.go:63-67); "" filters nothing.
          query: "",
          aggregate: alert.aggregate,
          timeWindow: alert.timeWindow,
          thresholdType: alert.thresholdType,
          ...(alert.eventTypes.length > 0 ? { eventTypes: alert.eventTypes } : {}),
          // Optional+Computed (line 44-49): absent would keep a previous value; "" is sent as nothing.
          environment: alert.environment ?? "",
          ...resolve,
          // Sentry reads back each trigger's threshold type and resolve threshold from the rule's
          // (src/sentry/incidents/endpoints/serializers/alert_rule_trigger.py@062a1524, `serialize`).
          triggers: [
            {
              label: CRITICAL_TRIGGER,
              thresholdType: alert.thresholdType,
              alertThreshold: alert.alertThreshold,
              ...resolve,
              actions: assigned.apply((ids) => metricAlertActions(alert.targets, ids)),
            },
          ],
        },
        {
          ...child,
          // The provider sends `environment` and `resolve_threshold` only when set (`GetOk`, lines
          // 172-186), so it can never clear them on an update: removing either from the file would
          // leave the live value in place and a perpetual diff. A change of either replaces the alert.
          replaceOnChanges: ["environment", "resolveThreshold"],
          // An adopted live metric alert (import passthrough, resource_sentry_metric_alert.go:24-26).
          ...adopt(project.adoption?.performanceImportIds?.get(alert.name)),
        },
      );
    }

    const repository = project.repository ? args.repositories.get(project.repository) : undefined;
    if (repository) {
      // Our own resource, not provider v0.11.2's, which cannot read mappings with the deploy token (see
      // dynamic/code-mapping.ts); it adopts the live mapping of an adopted project.
      new CodeMapping(
        NAMES.codeMapping(project.slug),
        {
          baseUrl: context.baseUrl,
          organization: context.organization,
          projectId: this.project.internalId,
          integrationId: repository.sentryIntegrationId,
          repositoryId: repository.link.internalId,
          defaultBranch: project.codeMapping!.branch,
          stackRoot: project.codeMapping!.stackRoot,
          sourceRoot: project.codeMapping!.sourceRoot,
        },
        { parent: this },
      );
    }

    this.registerOutputs({ dsnPublic: this.dsnPublic });
  }
}
