// Friendly alert rules (`when` / `notify` / `every` / `environment`) -> Sentry issue-alert nodes with
// Sentry's real ids. Pure: targets that only exist after apply (team and user ids) stay symbolic and
// are resolved by the Pulumi layer.
import { durationMinutes } from "../stack/policy";
import type { TeamFileAlert, TeamFileNotify, TeamFileWhen } from "../team-file/schema";

export const SENTRY_RULE_IDS = {
  firstSeen: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition",
  regression: "sentry.rules.conditions.regression_event.RegressionEventCondition",
  reappeared: "sentry.rules.conditions.reappeared_event.ReappearedEventCondition",
  eventFrequency: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
  uniqueUserFrequency: "sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition",
  notifyEmail: "sentry.mail.actions.NotifyEmailAction",
  notifyService: "sentry.rules.actions.notify_event_service.NotifyEventServiceAction",
} as const;

/** Provider 0.0.9 takes rule nodes as maps of strings (numbers included). */
export type RuleNode = Record<string, string>;

/** An action whose target id is only known once Sentry has created the team or the member. */
export type RuleAction =
  | { kind: "node"; node: RuleNode }
  | { kind: "team"; teamSlug: string }
  /** Until the person accepts the invitation Sentry has no user to notify: the team is notified instead. */
  | { kind: "member"; email: string; fallbackTeamSlug: string };

export interface DesiredAlertRule {
  name: string;
  /** The managed default rule, declared because the project has no `alerts:` key. */
  isDefault: boolean;
  actionMatch: "any";
  filterMatch: "all";
  /** Minutes between two notifications of the same issue (Sentry's `frequency`). */
  frequency: number;
  environment?: string;
  conditions: RuleNode[];
  actions: RuleAction[];
}

export const DEFAULT_RULE_NAME = "Nouvelle erreur ou régression";

/** The fields of a Sentry issue-alert body that do not depend on ids Sentry assigns (actions aside). */
export function sentryRuleFields(rule: DesiredAlertRule) {
  return {
    name: rule.name,
    actionMatch: rule.actionMatch,
    filterMatch: rule.filterMatch,
    frequency: rule.frequency,
    conditions: rule.conditions,
    filters: [] as RuleNode[],
  };
}
const DEFAULT_WHEN: TeamFileWhen[] = ["new-issue", "regression"];

export function conditionNode(when: TeamFileWhen): RuleNode {
  if (when === "new-issue") return { id: SENTRY_RULE_IDS.firstSeen };
  if (when === "regression") return { id: SENTRY_RULE_IDS.regression };
  if (when === "reappeared") return { id: SENTRY_RULE_IDS.reappeared };
  if ("events" in when)
    return {
      id: SENTRY_RULE_IDS.eventFrequency,
      value: String(when.events),
      interval: when.per,
      comparisonType: "count",
    };
  return {
    id: SENTRY_RULE_IDS.uniqueUserFrequency,
    value: String(when.users),
    interval: when.per,
    comparisonType: "count",
  };
}

export interface NotifyContext {
  teamSlug: string;
  emailOfHandle: (handle: string) => string;
}

export function ruleAction(target: TeamFileNotify, context: NotifyContext): RuleAction {
  if (target === "team") return { kind: "team", teamSlug: context.teamSlug };
  if (target === "issue-owners") {
    return {
      kind: "node",
      node: { id: SENTRY_RULE_IDS.notifyEmail, targetType: "IssueOwners", fallthroughType: "ActiveMembers" },
    };
  }
  if ("member" in target)
    return { kind: "member", email: context.emailOfHandle(target.member), fallbackTeamSlug: context.teamSlug };
  // Legacy Webhooks plugin: it posts to every URL configured on the project, so the channel itself
  // lives in the plugin config (see DesiredProject.mattermostChannels), not in the action.
  return { kind: "node", node: { id: SENTRY_RULE_IDS.notifyService, service: "webhooks" } };
}

export function desiredAlertRules(
  alerts: TeamFileAlert[] | undefined,
  defaultEvery: string,
  context: NotifyContext,
): DesiredAlertRule[] {
  const declared = alerts ?? [{ name: DEFAULT_RULE_NAME, when: DEFAULT_WHEN, notify: ["team"] }];
  return declared.map((alert) => {
    const actions: RuleAction[] = [];
    for (const target of alert.notify ?? ["team"]) {
      const action = ruleAction(target, context);
      if (!actions.some((a) => JSON.stringify(a) === JSON.stringify(action))) actions.push(action);
    }
    return {
      name: alert.name,
      isDefault: alerts === undefined,
      actionMatch: "any",
      filterMatch: "all",
      frequency: durationMinutes(alert.every ?? defaultEvery),
      ...(alert.environment !== undefined ? { environment: alert.environment } : {}),
      conditions: alert.when.map(conditionNode),
      actions,
    };
  });
}

export interface AssignedIds {
  teamId: (slug: string) => string;
  /** The Sentry user id of a member, or "" while the invitation is pending. */
  userId: (email: string) => string;
}

/** Nodes for the rule's actions once Sentry's ids are known (duplicates after fallback removed). */
export function resolveActions(actions: readonly RuleAction[], ids: AssignedIds): RuleNode[] {
  const nodes: RuleNode[] = [];
  for (const action of actions) {
    const node = resolveAction(action, ids);
    if (!nodes.some((n) => JSON.stringify(n) === JSON.stringify(node))) nodes.push(node);
  }
  return nodes;
}

function resolveAction(action: RuleAction, ids: AssignedIds): RuleNode {
  const team = (slug: string): RuleNode => ({
    id: SENTRY_RULE_IDS.notifyEmail,
    targetType: "Team",
    targetIdentifier: ids.teamId(slug),
  });
  switch (action.kind) {
    case "node":
      return action.node;
    case "team":
      return team(action.teamSlug);
    case "member": {
      const userId = ids.userId(action.email);
      return userId === ""
        ? team(action.fallbackTeamSlug)
        : { id: SENTRY_RULE_IDS.notifyEmail, targetType: "Member", targetIdentifier: userId };
    }
  }
}
