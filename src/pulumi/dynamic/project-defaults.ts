// What Sentry creates by itself with every project, taken in hand. Provider 0.0.9 can neither skip
// nor manage it:
// - the client key named "Default": adopted rather than duplicated (0.0.9 could only add a second
//   key). The stack's rate limit is applied to it and its public DSN becomes the project's DSN.
// - the auto-created issue alert ("Send a notification for new issues", or the "high priority issues"
//   variant of newer releases): removed once, right after creation, so that the managed rules are the
//   only ones (0.0.9 cannot send `default_rules: false`). Only rules with Sentry's default name *and*
//   shape are removed, never a rule a team made.
// Deleting this resource does nothing: the key lives and dies with its project (retained on delete),
// and deleting keys would break deployed applications.
import type * as pulumi from "@pulumi/pulumi";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface ProjectDefaultsInputs {
  baseUrl: string;
  organization: string;
  project: string;
  rateLimitCount: number;
  rateLimitWindow: number;
  /** False for adopted projects, whose existing rules are managed or reported by the importer. */
  removeDefaultRule: boolean;
}

export interface ProjectDefaultsOutputs extends ProjectDefaultsInputs {
  keyId: string;
  dsnPublic: string;
  removedRuleIds: string[];
}

interface SentryKey {
  id: string;
  name: string;
  isActive: boolean;
  dateCreated: string;
  dsn: { public: string };
  rateLimit: { window: number; count: number } | null;
}

export interface SentryRule {
  id: string;
  name: string;
  conditions: { id: string }[];
  filters?: { id: string }[];
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

export function isSentryDefaultRule(rule: SentryRule): boolean {
  return (
    SENTRY_DEFAULT_RULE_NAMES.includes(rule.name) &&
    rule.conditions.length > 0 &&
    rule.conditions.every((c) => SENTRY_DEFAULT_CONDITIONS.includes(c.id)) &&
    (rule.filters ?? []).length === 0
  );
}

const projectPath = (i: ProjectDefaultsInputs) =>
  `projects/${encodeURIComponent(i.organization)}/${encodeURIComponent(i.project)}/`;

async function adoptDefaultKey(
  client: SentryClient,
  inputs: ProjectDefaultsInputs,
): Promise<{ keyId: string; dsnPublic: string }> {
  const base = `${projectPath(inputs)}keys/`;
  const byAge = (await client.list<SentryKey>(base)).sort((a, b) => a.dateCreated.localeCompare(b.dateCreated));
  const key = byAge.find((k) => k.name === "Default" && k.isActive) ?? byAge.find((k) => k.isActive);
  if (!key) throw new Error(`project ${inputs.organization}/${inputs.project} has no active client key to adopt`);
  const updated = await client.put<SentryKey>(`${base}${key.id}/`, {
    rateLimit: { count: inputs.rateLimitCount, window: inputs.rateLimitWindow },
  });
  return { keyId: updated.id, dsnPublic: updated.dsn.public };
}

async function removeDefaultRules(client: SentryClient, inputs: ProjectDefaultsInputs): Promise<string[]> {
  const base = `${projectPath(inputs)}rules/`;
  const removed: string[] = [];
  for (const rule of (await client.list<SentryRule>(base)).filter(isSentryDefaultRule)) {
    await client.delete(`${base}${rule.id}/`);
    removed.push(String(rule.id));
  }
  return removed;
}

export const projectDefaultsProvider: pulumi.dynamic.ResourceProvider<ProjectDefaultsInputs, ProjectDefaultsOutputs> = {
  async create(inputs) {
    const client = sentryClientFromEnvironment(inputs.baseUrl);
    const removedRuleIds = inputs.removeDefaultRule ? await removeDefaultRules(client, inputs) : [];
    const key = await adoptDefaultKey(client, inputs);
    return { id: `${inputs.organization}/${inputs.project}/defaults`, outs: { ...inputs, ...key, removedRuleIds } };
  },
  async diff(_id, olds, news) {
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    const changes =
      replaces.length > 0 ||
      olds.rateLimitCount !== news.rateLimitCount ||
      olds.rateLimitWindow !== news.rateLimitWindow ||
      olds.baseUrl !== news.baseUrl;
    return { changes, replaces };
  },
  async update(_id, olds, news) {
    // The rule removal is one-shot (creation only): an update only re-applies the key settings.
    const key = await adoptDefaultKey(sentryClientFromEnvironment(news.baseUrl), news);
    return { outs: { ...news, ...key, removedRuleIds: olds.removedRuleIds } };
  },
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const key = await client.get<SentryKey>(`${projectPath(props!)}keys/${props!.keyId}/`);
    return {
      id,
      props: {
        ...props!,
        dsnPublic: key.dsn.public,
        rateLimitCount: key.rateLimit?.count ?? 0,
        rateLimitWindow: key.rateLimit?.window ?? 0,
      },
    };
  },
  async delete() {
    // Intentionally nothing: see the file comment.
  },
};
