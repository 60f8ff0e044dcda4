// Seeds the emulator as if `pulumi up` had applied a set of team files, Sentry's own side effects
// included: each project got its "Default" key and Sentry's default rule, which ProjectDefaults then
// removed while applying the key rate limit; invited members are pending unless told otherwise.
import { metricAlertActions, resolveActions, sentryRuleFields, type RuleNode } from "../model/alert-rules";
import type { DesiredOrganization } from "../model/organization";
import type { StackPolicy } from "../stack/policy";
import type { EmulatorState } from "./state";

/** Installs the stack's GitHub integrations (Sentry's GitHub App), as ops did by hand. */
export function seedIntegrations(state: EmulatorState, policy: StackPolicy): void {
  for (const integration of policy.github.integrations) {
    state.integrations.set(integration.sentryIntegrationId, {
      id: integration.sentryIntegrationId,
      name: integration.owner,
      externalId: integration.installationId,
    });
  }
}

/** The model's nodes always carry their `id`; say so to the type of Sentry's nodes. */
const withId = (node: RuleNode) => ({ ...node, id: node.id });

export interface SeedOptions {
  /** Members have accepted their invitations (they have a user id), instead of being pending. */
  acceptedInvitations?: boolean;
}

export function seedFromModel(state: EmulatorState, model: DesiredOrganization, options: SeedOptions = {}): void {
  const teamIds = new Map<string, string>();
  for (const team of model.teams) teamIds.set(team.slug, state.createTeam(team.slug, team.name).id);

  const members = new Map<string, string>();
  for (const member of model.members) {
    const created = state.createMember(member.email, member.orgRole);
    if (options.acceptedInvitations) created.userId = state.newId();
    for (const membership of member.teams)
      created.teamRoles.set(teamIds.get(membership.teamSlug)!, membership.role === "admin" ? "admin" : null);
    members.set(member.email, created.id);
  }

  const userIds = new Map(
    [...state.members.values()].filter((m) => m.userId !== null).map((m) => [m.email, m.userId!]),
  );
  const repositoryIds = new Map<string, string>();
  for (const repository of model.repositories) {
    const id = state.newId();
    state.repositories.set(id, {
      id,
      name: repository.identifier,
      integrationId: repository.sentryIntegrationId,
      status: "active",
      dateCreated: state.now(),
    });
    repositoryIds.set(repository.identifier, id);
  }

  for (const desired of model.projects) {
    const project = state.createProject(
      state.teams.get(teamIds.get(desired.teamSlug)!)!,
      desired.slug,
      desired.name,
      desired.platform ?? null,
      true,
    );
    for (const slug of desired.teams.slice(1)) project.teamIds.push(teamIds.get(slug)!);
    for (const [id, rule] of state.rules) if (rule.projectId === project.id) state.rules.delete(id);
    for (const key of state.keys.values()) if (key.projectId === project.id) key.rateLimit = { ...model.keyRateLimit };
    for (const rule of desired.alertRules) {
      if (rule.environment) project.environments.add(rule.environment);
      const fields = sentryRuleFields(rule);
      state.createRule(project, {
        ...fields,
        conditions: fields.conditions.map(withId),
        filters: fields.filters.map(withId),
        // While invitations are pending, a {member} target notifies the team, as the program does.
        actions: resolveActions(rule.actions, {
          teamId: (slug) => teamIds.get(slug)!,
          userId: (email) => userIds.get(email) ?? "",
        }).map(withId),
        environment: rule.environment ?? null,
      });
    }
    for (const alert of desired.performanceAlerts) {
      if (alert.environment) project.environments.add(alert.environment);
      const id = state.newId();
      state.metricAlerts.set(id, {
        id,
        projectId: project.id,
        name: alert.name,
        dataset: alert.dataset,
        query: "",
        aggregate: alert.aggregate,
        timeWindow: alert.timeWindow,
        thresholdType: alert.thresholdType,
        resolveThreshold: alert.resolveThreshold ?? null,
        environment: alert.environment ?? null,
        eventTypes: alert.eventTypes,
        triggers: [
          {
            id: state.newId(),
            label: "critical",
            alertThreshold: alert.alertThreshold,
            actions: metricAlertActions(alert.targets, {
              teamId: (slug) => teamIds.get(slug)!,
              userId: (email) => userIds.get(email) ?? "",
            }).map((action) => ({ ...action, id: state.newId() })),
          },
        ],
        dateCreated: state.now(),
      });
    }
    if (desired.repository) {
      const repository = model.repositories.find((r) => r.identifier === desired.repository)!;
      const id = state.newId();
      state.codeMappings.set(id, {
        id,
        projectId: project.id,
        repoId: repositoryIds.get(repository.identifier)!,
        integrationId: repository.sentryIntegrationId,
        stackRoot: desired.codeMapping!.stackRoot,
        sourceRoot: desired.codeMapping!.sourceRoot,
        defaultBranch: desired.codeMapping!.branch,
      });
    }
  }
}
