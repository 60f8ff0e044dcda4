// The alert vocabulary, once: friendly rules (`when` / `notify` / `every` / `environment`) <-> Sentry's
// issue-alert nodes, and the words the plan uses for them. The program translates one way, the
// importer the other, the plan describes; a round-trip test keeps them together. Pure: targets that
// only exist after apply (team and user ids) stay symbolic and are resolved by the Pulumi layer.
import { formatCount } from "../i18n/format";
import type { Language, Localized } from "../i18n/language";
import { durationMinutes } from "../stack/policy";
import { alertBodyKey } from "../team-file/alert-body";
import type { ResolvedAlert } from "../team-file/resolve";
import {
  FREQUENCY_INTERVALS,
  type AlertTrigger,
  type FrequencyInterval,
  type TeamFileAlert,
  type TeamFileNotify,
  type TeamFileWhen,
} from "../team-file/schema";

/** Each simple trigger: its Sentry condition and the plan's words. */
export const TRIGGERS: Record<AlertTrigger, { id: string; words: Localized }> = {
  "new-issue": {
    id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition",
    words: { fr: "nouveau problème", en: "new issue" },
  },
  regression: {
    id: "sentry.rules.conditions.regression_event.RegressionEventCondition",
    words: { fr: "régression", en: "regression" },
  },
  reappeared: {
    id: "sentry.rules.conditions.reappeared_event.ReappearedEventCondition",
    words: { fr: "réapparition", en: "reappeared" },
  },
};

/** Each counting trigger (`{events: N, per}`, `{users: N, per}`): its Sentry condition and the plan's noun. */
export const COUNTING_TRIGGERS = {
  events: {
    id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
    words: { fr: "événements", en: "events" },
  },
  users: {
    id: "sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition",
    words: { fr: "utilisateurs", en: "users" },
  },
} as const;
type CountingKey = keyof typeof COUNTING_TRIGGERS;

export const NOTIFY_EMAIL = "sentry.mail.actions.NotifyEmailAction";
/** The legacy plugin action; `service: webhooks` posts to every URL of the project's Webhooks plugin. */
export const NOTIFY_SERVICE = "sentry.rules.actions.notify_event_service.NotifyEventServiceAction";

/** The same ids by short name, for code that builds Sentry nodes directly (tests, the emulator's seeds). */
export const SENTRY_RULE_IDS = {
  firstSeen: TRIGGERS["new-issue"].id,
  regression: TRIGGERS.regression.id,
  reappeared: TRIGGERS.reappeared.id,
  eventFrequency: COUNTING_TRIGGERS.events.id,
  uniqueUserFrequency: COUNTING_TRIGGERS.users.id,
  notifyEmail: NOTIFY_EMAIL,
  notifyService: NOTIFY_SERVICE,
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
  /** Key of everything Sentry compares between rules (all but the name): names the rule's resource. */
  bodyKey: string;
  actionMatch: "any";
  filterMatch: "all";
  /** Minutes between two notifications of the same issue (Sentry's `frequency`). */
  frequency: number;
  environment?: string;
  conditions: RuleNode[];
  actions: RuleAction[];
}

export const DEFAULT_RULE_NAME = "Nouvelle erreur ou régression";
const DEFAULT_WHEN: TeamFileWhen[] = ["new-issue", "regression"];

/** The fields of a Sentry issue-alert body that do not depend on ids Sentry assigns (actions aside). */
export function sentryRuleFields(rule: DesiredAlertRule) {
  return {
    name: rule.name,
    actionMatch: rule.actionMatch,
    filterMatch: rule.filterMatch,
    frequency: rule.frequency,
    conditions: rule.conditions,
    filters: [] as RuleNode[],
    // Always sent, "" for none: `environment` is Optional+Computed in provider v0.11.2
    // (resource_sentry_issue_alert.go:104-109), so an absent input would keep the previous value and
    // removing `environment:` from a file would never reach Sentry. With "", the provider sends no
    // environment (`GetOk` skips "", line 172) and Sentry's update clears it (getsentry/sentry
    // src/sentry/projects/project_rules/updater.py@0dd270f8:65-66, `environment_id = self.environment`).
    environment: rule.environment ?? "",
  };
}

// Sentry stores a condition's `value` as the integer its form cleans it to; the provider reads nodes
// into maps of strings, so numbers travel as their decimal text.
export function conditionNode(when: TeamFileWhen): RuleNode {
  if (typeof when === "string") return { id: TRIGGERS[when].id };
  const key: CountingKey = "events" in when ? "events" : "users";
  const count = "events" in when ? when.events : when.users;
  return { id: COUNTING_TRIGGERS[key].id, value: String(count), interval: when.per, comparisonType: "count" };
}

/** The team-file trigger of a Sentry condition, or why team files cannot say it. */
export function whenOfCondition(node: Readonly<Record<string, unknown>>): TeamFileWhen | { reason: string } {
  const id = String(node.id);
  const trigger = (Object.keys(TRIGGERS) as AlertTrigger[]).find((t) => TRIGGERS[t].id === id);
  if (trigger) return trigger;
  const counting = (Object.keys(COUNTING_TRIGGERS) as CountingKey[]).find((k) => COUNTING_TRIGGERS[k].id === id);
  if (!counting) return { reason: `its condition ${id} has no team-file form` };
  const value = Number(node.value);
  const interval = String(node.interval);
  if (
    String(node.comparisonType ?? "count") !== "count" ||
    !Number.isInteger(value) ||
    value < 1 ||
    !(FREQUENCY_INTERVALS as readonly string[]).includes(interval)
  )
    return { reason: `its condition ${id} uses a comparison or interval team files do not have` };
  const per = interval as FrequencyInterval;
  return counting === "events" ? { events: value, per } : { users: value, per };
}

/** The plan's words for a Sentry condition. */
export function describeCondition(node: RuleNode, lang: Language): string {
  const when = whenOfCondition(node);
  if (typeof when === "string") return TRIGGERS[when].words[lang];
  if ("reason" in when) return node.id;
  const [key, count] = "events" in when ? (["events", when.events] as const) : (["users", when.users] as const);
  const n = formatCount(count, lang);
  const noun = COUNTING_TRIGGERS[key].words[lang];
  return lang === "fr" ? `plus de ${n} ${noun} par ${when.per}` : `more than ${n} ${noun} per ${when.per}`;
}

/**
 * The action of one `notify` target of a rule of team `teamSlug`; `memberAddress` is the address of a
 * `{member: ...}` target (resolved by the validator).
 */
export function ruleAction(target: TeamFileNotify, teamSlug: string, memberAddress?: string): RuleAction {
  if (target === "team") return { kind: "team", teamSlug };
  if (target === "issue-owners")
    return { kind: "node", node: { id: NOTIFY_EMAIL, targetType: "IssueOwners", fallthroughType: "ActiveMembers" } };
  if ("member" in target) {
    if (memberAddress === undefined) throw new Error(`no address for member ${target.member}`);
    return { kind: "member", email: memberAddress, fallbackTeamSlug: teamSlug };
  }
  // Legacy Webhooks plugin: it posts to every URL configured on the project, so the channel itself
  // lives in the plugin config (see DesiredProject.mattermostChannels), not in the action.
  return { kind: "node", node: { id: NOTIFY_SERVICE, service: "webhooks" } };
}

export interface LiveTargets {
  /** Id of the project's owning team. */
  teamId: string;
  /** Sentry user id -> handle of a member of that team. */
  handleOfUser: ReadonlyMap<string, string>;
}

/**
 * The team-file target of a Sentry action, or why team files cannot say it. A Mattermost action is
 * recognised but has no channel of its own (the channels are in the Webhooks plugin's URLs).
 */
export function notifyOfAction(
  node: Readonly<Record<string, unknown>>,
  live: LiveTargets,
): TeamFileNotify | "webhooks" | { reason: string } {
  if (node.id === NOTIFY_EMAIL && node.targetType === "Team" && String(node.targetIdentifier) === live.teamId)
    return "team";
  if (node.id === NOTIFY_EMAIL && node.targetType === "IssueOwners") return "issue-owners";
  const handle = live.handleOfUser.get(String(node.targetIdentifier));
  if (node.id === NOTIFY_EMAIL && node.targetType === "Member" && handle !== undefined) return { member: handle };
  if (node.id === NOTIFY_SERVICE && node.service === "webhooks") return "webhooks";
  return {
    reason: `its action ${String(node.id)} (${String(node.targetType ?? node.service ?? "")}) has no team-file form`,
  };
}

/** The plan's words for an action: `handleOf` names a member, `channels` are the project's Mattermost channels. */
export function describeAction(
  action: RuleAction,
  handleOf: (email: string) => string,
  channels: readonly string[],
  lang: Language,
): string {
  if (action.kind === "team") return lang === "fr" ? "équipe" : "team";
  if (action.kind === "member") return handleOf(action.email);
  if (action.node.targetType === "IssueOwners") return lang === "fr" ? "responsables du problème" : "issue owners";
  return `Mattermost ${channels.join(", ")}`;
}

/**
 * The managed rules of a project of team `teamSlug`: its `alerts:` with what the validator resolved for
 * each (body key, interval, members' addresses), or without `alerts:` the one default rule.
 */
export function desiredAlertRules(
  alerts: readonly TeamFileAlert[] | undefined,
  resolved: readonly ResolvedAlert[],
  defaultEvery: string,
  teamSlug: string,
): DesiredAlertRule[] {
  if (alerts === undefined) {
    const alert = { when: DEFAULT_WHEN, notify: ["team"] as TeamFileNotify[] };
    return [
      {
        ...desiredRule(
          { name: DEFAULT_RULE_NAME, ...alert },
          alertBodyKey(alert, defaultEvery),
          durationMinutes(defaultEvery),
          [],
          teamSlug,
        ),
        isDefault: true,
      },
    ];
  }
  return alerts.map((alert, index) => {
    const { bodyKey, everyMinutes, memberAddresses } = resolved[index];
    return desiredRule(alert, bodyKey, everyMinutes, memberAddresses, teamSlug);
  });
}

function desiredRule(
  alert: TeamFileAlert,
  bodyKey: string,
  frequency: number,
  memberAddresses: readonly string[],
  teamSlug: string,
): DesiredAlertRule {
  const addresses = [...memberAddresses];
  const actions: RuleAction[] = [];
  for (const target of alert.notify ?? ["team"]) {
    const action = ruleAction(
      target,
      teamSlug,
      typeof target === "object" && "member" in target ? addresses.shift() : undefined,
    );
    if (!actions.some((a) => JSON.stringify(a) === JSON.stringify(action))) actions.push(action);
  }
  return {
    name: alert.name,
    isDefault: false,
    bodyKey,
    actionMatch: "any",
    filterMatch: "all",
    frequency,
    ...(alert.environment !== undefined ? { environment: alert.environment } : {}),
    conditions: alert.when.map(conditionNode),
    actions,
  };
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
    id: NOTIFY_EMAIL,
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
        : { id: NOTIFY_EMAIL, targetType: "Member", targetIdentifier: userId };
    }
  }
}
