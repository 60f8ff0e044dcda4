// The alert vocabulary, once: friendly rules (`when` / `notify` / `every` / `environment`) <-> Sentry's
// issue-alert nodes, performance alerts <-> Sentry's metric alerts, and the words the plan uses for
// them. The program translates one way, the importer the other, the plan describes; a round-trip test
// keeps them together. Pure: targets that
// only exist after apply (team and user ids) stay symbolic and are resolved by the Pulumi layer.
import { createHash } from "node:crypto";
import { formatCount } from "../i18n/format";
import type { Language, Localized } from "../i18n/language";
import { durationMinutes } from "../stack/policy";
import { alertBodyKey } from "../team-file/alert-body";
import { METRICS, PERFORMANCE_METRICS, type PerformanceMetric, type PerformanceWindow } from "../team-file/performance";
import type { ResolvedAlert, ResolvedPerformanceAlert } from "../team-file/resolve";
import {
  FREQUENCY_INTERVALS,
  type AlertTrigger,
  type FrequencyInterval,
  type TeamFileAlert,
  type TeamFileNotify,
  type TeamFilePerformanceAlert,
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

// --- Performance alerts: Sentry metric alerts (provider v0.11.2 SentryMetricAlert) -----------------

/**
 * Each metric of `performance:` as a Sentry metric alert: what Sentry's own alert wizard sends for it
 * (getsentry/sentry static/app/views/alerts/wizard/options.tsx@016eccc0, AlertWizardRuleTemplates
 * `trans_duration`, `failure_rate`, `crash_free_sessions`; the percentiles change the function only),
 * the factor from the file's unit to the threshold Sentry compares, and the plan's words.
 * - Durations: transaction.duration is in milliseconds (static/app/views/alerts/rules/metric/
 *   constants.tsx@05a0e9e6, getThresholdUnits: `ms` for a duration).
 * - failure_rate() is a ratio, 0.05 for 5% (src/sentry/search/events/datasets/discover.py@00386882:
 *   result type `percentage`, a fraction; getThresholdUnits gives it no unit).
 * - Crash-free sessions: the aggregate is the crash rate, which Sentry turns into the crash-free
 *   percentage before comparing (src/sentry/incidents/subscription_processor.py, stored version
 *   23787368069, get_crash_rate_alert_aggregation_value: `(1 - rate) * 100`); the threshold is in %.
 *   Sentry empties a crash-rate rule's event types (serializers/alert_rule.py, stored version
 *   1344538577, `validate`), so none are declared.
 */
export const METRIC_ALERTS: Readonly<
  Record<
    PerformanceMetric,
    { dataset: string; aggregate: string; eventTypes: readonly string[]; factor: number; words: Localized }
  >
> = {
  p50: {
    dataset: "transactions",
    aggregate: "p50(transaction.duration)",
    eventTypes: ["transaction"],
    factor: 1,
    words: { fr: "durée p50", en: "p50 duration" },
  },
  p95: {
    dataset: "transactions",
    aggregate: "p95(transaction.duration)",
    eventTypes: ["transaction"],
    factor: 1,
    words: { fr: "durée p95", en: "p95 duration" },
  },
  p99: {
    dataset: "transactions",
    aggregate: "p99(transaction.duration)",
    eventTypes: ["transaction"],
    factor: 1,
    words: { fr: "durée p99", en: "p99 duration" },
  },
  failureRate: {
    dataset: "transactions",
    aggregate: "failure_rate()",
    eventTypes: ["transaction"],
    factor: 0.01,
    words: { fr: "taux d'échec", en: "failure rate" },
  },
  crashFreeSessions: {
    dataset: "metrics",
    aggregate: "percentage(sessions_crashed, sessions) AS _crash_rate_alert_aggregate",
    eventTypes: [],
    factor: 1,
    words: { fr: "sessions sans crash", en: "crash-free sessions" },
  },
};

/** AlertRuleThresholdType (getsentry/sentry src/sentry/incidents/models.py, stored version 136049864). */
export const THRESHOLD_TYPES = { above: 0, below: 1 } as const;
/** The label of a metric alert's one required trigger (CRITICAL_TRIGGER_LABEL, src/sentry/incidents/logic.py). */
export const CRITICAL_TRIGGER = "critical";

/** Who a performance alert notifies: a team, or a person (the team while their invitation is pending). */
export type MetricAlertTarget = Extract<RuleAction, { kind: "team" } | { kind: "member" }>;

export interface DesiredPerformanceAlert {
  name: string;
  /** Short key of the name: names the alert's resource (names may hold any character). */
  nameKey: string;
  metric: PerformanceMetric;
  dataset: string;
  aggregate: string;
  eventTypes: string[];
  /** Minutes (Sentry's `timeWindow`). */
  timeWindow: number;
  thresholdType: (typeof THRESHOLD_TYPES)[keyof typeof THRESHOLD_TYPES];
  /** The threshold as Sentry compares it (ms, a ratio, or %). */
  alertThreshold: number;
  resolveThreshold?: number;
  environment?: string;
  targets: MetricAlertTarget[];
}

/** Sentry's value of a threshold written in the file's unit, without binary noise (5% is 0.05). */
const sentryThreshold = (metric: PerformanceMetric, value: number) =>
  Number((value * METRIC_ALERTS[metric].factor).toPrecision(12));

/** The performance alerts of a project of team `teamSlug`, with what the validator resolved for each. */
export function desiredPerformanceAlerts(
  alerts: readonly TeamFilePerformanceAlert[] | undefined,
  resolved: readonly ResolvedPerformanceAlert[],
  teamSlug: string,
): DesiredPerformanceAlert[] {
  return (alerts ?? []).map((alert, index) => {
    const { metric, threshold, resolve, windowMinutes, memberAddresses } = resolved[index];
    const addresses = [...memberAddresses];
    const targets: MetricAlertTarget[] = [];
    for (const target of alert.notify ?? ["team"]) {
      const next: MetricAlertTarget =
        target === "team"
          ? { kind: "team", teamSlug }
          : { kind: "member", email: addresses.shift()!, fallbackTeamSlug: teamSlug };
      if (!targets.some((t) => JSON.stringify(t) === JSON.stringify(next))) targets.push(next);
    }
    const { dataset, aggregate, eventTypes } = METRIC_ALERTS[metric];
    return {
      name: alert.name,
      nameKey: createHash("sha256").update(alert.name).digest("hex").slice(0, 12),
      metric,
      dataset,
      aggregate,
      eventTypes: [...eventTypes],
      timeWindow: windowMinutes,
      thresholdType: THRESHOLD_TYPES[METRICS[metric].alertsWhen],
      alertThreshold: sentryThreshold(metric, threshold),
      ...(resolve !== undefined ? { resolveThreshold: sentryThreshold(metric, resolve) } : {}),
      ...(alert.environment !== undefined ? { environment: alert.environment } : {}),
      targets,
    };
  });
}

/** A metric alert trigger action (go-sentry v2.2.0 metric_alerts.go MetricAlertTriggerAction), e-mail only. */
export interface MetricAlertAction {
  type: "email";
  targetType: "team" | "user";
  targetIdentifier: string;
}

/** The e-mail actions of a performance alert once Sentry's ids are known (duplicates after fallback removed). */
export function metricAlertActions(targets: readonly MetricAlertTarget[], ids: AssignedIds): MetricAlertAction[] {
  const actions: MetricAlertAction[] = [];
  for (const target of targets) {
    const userId = target.kind === "member" ? ids.userId(target.email) : "";
    const action: MetricAlertAction =
      userId !== ""
        ? { type: "email", targetType: "user", targetIdentifier: userId }
        : {
            type: "email",
            targetType: "team",
            targetIdentifier: ids.teamId(target.kind === "team" ? target.teamSlug : target.fallbackTeamSlug),
          };
    if (!actions.some((a) => JSON.stringify(a) === JSON.stringify(action))) actions.push(action);
  }
  return actions;
}

/** The team-file form of a live metric alert's fields, or why team files cannot say it. */
export function performanceOfMetricAlert(alert: {
  dataset: string;
  aggregate: string;
  query: string;
  thresholdType: number;
  timeWindow: number;
}): { metric: PerformanceMetric; per: PerformanceWindow } | { reason: string } {
  const metric = PERFORMANCE_METRICS.find(
    (m) => METRIC_ALERTS[m].aggregate === alert.aggregate && METRIC_ALERTS[m].dataset === alert.dataset,
  );
  if (!metric) return { reason: `its metric ${alert.aggregate} on ${alert.dataset} has no team-file form` };
  if (alert.query.trim() !== "") return { reason: `it filters events (query ${JSON.stringify(alert.query)})` };
  if (alert.thresholdType !== THRESHOLD_TYPES[METRICS[metric].alertsWhen])
    return { reason: `it fires ${alert.thresholdType === 0 ? "above" : "below"} its threshold, not the other way` };
  const per = METRICS[metric].windows.find((w) => durationMinutes(w) === alert.timeWindow);
  if (!per) return { reason: `its window of ${alert.timeWindow} minutes is not one team files have for ${metric}` };
  return { metric, per };
}

/** A threshold as Sentry stores it, in the file's unit (ms or %). */
export function fileThreshold(metric: PerformanceMetric, value: number): number {
  return Number((value / METRIC_ALERTS[metric].factor).toPrecision(12));
}

/** A threshold as Sentry stores it, written in the file's unit (`2s`, `800ms`, `5%`). */
export function writtenThreshold(metric: PerformanceMetric, value: number): string {
  const inUnit = fileThreshold(metric, value);
  if (METRICS[metric].unit === "%") return `${inUnit}%`;
  return inUnit >= 1000 ? `${inUnit / 1000}s` : `${inUnit}ms`;
}

/** The plan's words for a performance alert's condition: « durée p95 > 2s sur 10 min ». */
export function describePerformanceCondition(alert: DesiredPerformanceAlert, lang: Language): string {
  const above = alert.thresholdType === THRESHOLD_TYPES.above;
  const written = (value: number) => writtenThreshold(alert.metric, value);
  const condition = `${METRIC_ALERTS[alert.metric].words[lang]} ${above ? ">" : "<"} ${written(alert.alertThreshold)}`;
  const window = lang === "fr" ? `sur ${alert.timeWindow} min` : `over ${alert.timeWindow} min`;
  if (alert.resolveThreshold === undefined) return `${condition} ${window}`;
  const resolve = written(alert.resolveThreshold);
  return lang === "fr"
    ? `${condition} ${window}, résolue ${above ? "sous" : "au-dessus de"} ${resolve}`
    : `${condition} ${window}, resolved ${above ? "below" : "above"} ${resolve}`;
}
