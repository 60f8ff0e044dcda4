// What Sentry creates by itself with every project, taken in hand.
// Provider 0.0.9 can neither skip nor manage it:
// - the client key named "Default": adopted rather than duplicated (0.0.9 could only add a second
//   key). The stack's rate limit, or the project's override, is applied to it and its public DSN
//   becomes the project's DSN. An adopted project whose key allows more than the stack's limit keeps
//   its own (a busy project is never throttled silently) until an override in the stack says otherwise;
//   a key without any limit (Sentry's default) gets the stack's.
// - the auto-created issue alert ("Send a notification for new issues", or the "high priority issues"
//   variant of newer releases): removed once, right after creation, so that the managed rules are the
//   only ones (0.0.9 cannot send `default_rules: false`). Only rules with Sentry's default name *and*
//   shape are removed, never a rule a team made.
// Deleting this resource does nothing: the key lives and dies with its project (retained on delete),
// and deleting keys would break deployed applications.
import type * as pulumi from "@pulumi/pulumi";
import { getKey, listKeys, updateKey, type KeyRateLimit, type ProjectKey } from "../../sentry/api/keys";
import { deleteRule, listRules, type IssueAlertRule } from "../../sentry/api/rules";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface ProjectDefaultsInputs {
  baseUrl: string;
  organization: string;
  project: string;
  rateLimitCount: number;
  rateLimitWindow: number;
  /** The limit is the project's override in the stack config, applied as is. */
  rateLimitIsOverride: boolean;
  /**
   * Creation only. An adopted project: its live rules are adopted (`alerts:`) or reported by the
   * importer, so none is Sentry's fresh default rule; its key keeps a higher live limit.
   */
  adopted: boolean;
}

export interface ProjectDefaultsOutputs extends ProjectDefaultsInputs {
  keyId: string;
  dsnPublic: string;
  removedRuleIds: string[];
  /** The adopted key's own, higher limit, kept while no override applies. */
  keptRateLimit: KeyRateLimit | null;
  /** The key's limit in Sentry (null: none), as last set or read. */
  appliedRateLimit: KeyRateLimit | null;
}

/** Whether limit `a` lets more events through than `b` (compared as rates, without rounding). */
const allowsMore = (a: KeyRateLimit, b: KeyRateLimit) => a.count * b.window > b.count * a.window;
const sameLimit = (a: KeyRateLimit | null, b: KeyRateLimit | null) =>
  a === b || (a !== null && b !== null && a.count === b.count && a.window === b.window);

/** The limit to apply: the override, else the stack's unless a kept higher limit allows more. */
function effectiveLimit(inputs: ProjectDefaultsInputs, kept: KeyRateLimit | null): KeyRateLimit {
  const desired = { count: inputs.rateLimitCount, window: inputs.rateLimitWindow };
  return !inputs.rateLimitIsOverride && kept !== null && allowsMore(kept, desired) ? kept : desired;
}

const SENTRY_DEFAULT_RULE_NAMES = [
  "Send a notification for new issues",
  "Send a notification for high priority issues",
];
const SENTRY_DEFAULT_CONDITIONS = [
  "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition",
  "sentry.rules.conditions.high_priority_issue.NewHighPriorityIssueCondition",
  "sentry.rules.conditions.high_priority_issue.ExistingHighPriorityIssueCondition",
];

export function isSentryDefaultRule(rule: Pick<IssueAlertRule, "name" | "conditions" | "filters">): boolean {
  return (
    SENTRY_DEFAULT_RULE_NAMES.includes(rule.name) &&
    rule.conditions.length > 0 &&
    rule.conditions.every((c) => SENTRY_DEFAULT_CONDITIONS.includes(c.id)) &&
    rule.filters.length === 0
  );
}

/** The key Sentry created with the project ("Default", else the oldest active one). */
async function defaultKey(client: SentryClient, inputs: ProjectDefaultsInputs): Promise<ProjectKey> {
  const byAge = (await listKeys(client, inputs.organization, inputs.project)).sort((a, b) =>
    a.dateCreated.localeCompare(b.dateCreated),
  );
  const key = byAge.find((k) => k.name === "Default" && k.isActive) ?? byAge.find((k) => k.isActive);
  if (!key) throw new Error(`project ${inputs.organization}/${inputs.project} has no active client key to adopt`);
  return key;
}

async function applyLimit(client: SentryClient, inputs: ProjectDefaultsInputs, key: ProjectKey, limit: KeyRateLimit) {
  const updated = await updateKey(client, inputs.organization, inputs.project, key.id, { rateLimit: limit });
  return { keyId: updated.id, dsnPublic: updated.dsn.public, appliedRateLimit: updated.rateLimit };
}

/** Sentry's own default rule of a new project. */
async function removeDefaultRules(client: SentryClient, inputs: ProjectDefaultsInputs): Promise<string[]> {
  const removed: string[] = [];
  for (const rule of (await listRules(client, inputs.organization, inputs.project)).filter(isSentryDefaultRule)) {
    await deleteRule(client, inputs.organization, inputs.project, rule.id);
    removed.push(rule.id);
  }
  return removed;
}

export const projectDefaultsProvider: pulumi.dynamic.ResourceProvider<ProjectDefaultsInputs, ProjectDefaultsOutputs> = {
  async create(inputs) {
    const client = sentryClientFromEnvironment(inputs.baseUrl);
    const removedRuleIds = inputs.adopted ? [] : await removeDefaultRules(client, inputs);
    const key = await defaultKey(client, inputs);
    const live = key.rateLimit;
    const keptRateLimit =
      inputs.adopted && !inputs.rateLimitIsOverride && live !== null && allowsMore(live, effectiveLimit(inputs, null))
        ? live
        : null;
    const applied = await applyLimit(client, inputs, key, effectiveLimit(inputs, keptRateLimit));
    return {
      id: `${inputs.organization}/${inputs.project}/defaults`,
      outs: { ...inputs, ...applied, removedRuleIds, keptRateLimit },
    };
  },
  async diff(_id, olds, news) {
    // The creation-only input (`adopted`) never causes a change.
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    const changes =
      replaces.length > 0 ||
      olds.baseUrl !== news.baseUrl ||
      !sameLimit(olds.appliedRateLimit, effectiveLimit(news, news.rateLimitIsOverride ? null : olds.keptRateLimit));
    return { changes, replaces };
  },
  async update(_id, olds, news) {
    const client = sentryClientFromEnvironment(news.baseUrl);
    // An override ends the keeping for good: without it later, the stack's limit applies.
    const keptRateLimit = news.rateLimitIsOverride ? null : olds.keptRateLimit;
    const applied = await applyLimit(client, news, await defaultKey(client, news), effectiveLimit(news, keptRateLimit));
    return { outs: { ...news, ...applied, removedRuleIds: olds.removedRuleIds, keptRateLimit } };
  },
  /** The key's limit in Sentry, so that a change made by hand shows in a refresh and the next `up` undoes it. */
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const key = await getKey(client, props!.organization, props!.project, props!.keyId);
    return { id, props: { ...props!, dsnPublic: key.dsn.public, appliedRateLimit: key.rateLimit } };
  },
  async delete() {
    // Intentionally nothing: see the file comment.
  },
};
