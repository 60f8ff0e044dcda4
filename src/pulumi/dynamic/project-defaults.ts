// What Sentry creates by itself with every project, and what adoption leaves behind, taken in hand.
// Provider 0.0.9 can neither skip nor manage it:
// - the client key named "Default": adopted rather than duplicated (0.0.9 could only add a second
//   key). The stack's rate limit (or the project's override) is applied to it and its public DSN
//   becomes the project's DSN.
// - the auto-created issue alert ("Send a notification for new issues", or the "high priority issues"
//   variant of newer releases): removed once, right after creation, so that the managed rules are the
//   only ones (0.0.9 cannot send `default_rules: false`). Only rules with Sentry's default name *and*
//   shape are removed, never a rule a team made.
// - on adoption, the live code mappings that managed ones replace (their ids come from the adoption
//   file): deleted once, at creation, just before the managed ones are created. Provider v0.11.2
//   cannot import a mapping whose project the token's user is not a member of: its import reads the
//   mappings without `integrationId` (resource_sentry_organization_code_mappings.go:290-306, importer at
//   384-395), which Sentry limits to the projects of the token's user (getsentry/sentry
//   src/sentry/integrations/api/endpoints/organization_code_mappings.py@1d0e709c, `get`), so with a
//   dedicated token user every such import fails. A mapping holds no data, and Sentry refuses a second
//   one with the same project and stack root (same file, `validate`), so the old one goes first.
// Deleting this resource does nothing: the key lives and dies with its project (retained on delete),
// and deleting keys would break deployed applications.
import type * as pulumi from "@pulumi/pulumi";
import { deleteCodeMapping, listCodeMappings } from "../../sentry/api/integrations";
import { getKey, listKeys, updateKey } from "../../sentry/api/keys";
import { deleteRule, listRules, type IssueAlertRule } from "../../sentry/api/rules";
import { sentryClientFromEnvironment, type SentryClient } from "../../sentry/client";

export interface ProjectDefaultsInputs {
  baseUrl: string;
  organization: string;
  project: string;
  rateLimitCount: number;
  rateLimitWindow: number;
  /** Creation only. False for adopted projects, whose live rules are adopted (`alerts:`) or reported by the importer. */
  removeDefaultRule: boolean;
  /** Creation only (adoption): ids of live code mappings of this project that the managed one replaces. */
  retireCodeMappingIds: string[];
  /** The Sentry integration of the project's repository ("" without one): where its code mappings are listed. */
  codeMappingIntegrationId: string;
}

export interface ProjectDefaultsOutputs extends ProjectDefaultsInputs {
  keyId: string;
  dsnPublic: string;
  removedRuleIds: string[];
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

async function adoptDefaultKey(
  client: SentryClient,
  inputs: ProjectDefaultsInputs,
): Promise<{ keyId: string; dsnPublic: string }> {
  const byAge = (await listKeys(client, inputs.organization, inputs.project)).sort((a, b) =>
    a.dateCreated.localeCompare(b.dateCreated),
  );
  const key = byAge.find((k) => k.name === "Default" && k.isActive) ?? byAge.find((k) => k.isActive);
  if (!key) throw new Error(`project ${inputs.organization}/${inputs.project} has no active client key to adopt`);
  const updated = await updateKey(client, inputs.organization, inputs.project, key.id, {
    rateLimit: { count: inputs.rateLimitCount, window: inputs.rateLimitWindow },
  });
  return { keyId: updated.id, dsnPublic: updated.dsn.public };
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

/** The code mappings to retire, deleted only if they are this project's (the path does not say so). */
async function retireCodeMappings(client: SentryClient, inputs: ProjectDefaultsInputs): Promise<void> {
  if (inputs.retireCodeMappingIds.length === 0 || inputs.codeMappingIntegrationId === "") return;
  const retire = new Set(inputs.retireCodeMappingIds);
  for (const mapping of await listCodeMappings(client, inputs.organization, inputs.codeMappingIntegrationId)) {
    if (retire.has(mapping.id) && mapping.projectSlug === inputs.project)
      await deleteCodeMapping(client, inputs.organization, mapping.id);
  }
}

export const projectDefaultsProvider: pulumi.dynamic.ResourceProvider<ProjectDefaultsInputs, ProjectDefaultsOutputs> = {
  async create(inputs) {
    const client = sentryClientFromEnvironment(inputs.baseUrl);
    const removedRuleIds = inputs.removeDefaultRule ? await removeDefaultRules(client, inputs) : [];
    await retireCodeMappings(client, inputs);
    const key = await adoptDefaultKey(client, inputs);
    return { id: `${inputs.organization}/${inputs.project}/defaults`, outs: { ...inputs, ...key, removedRuleIds } };
  },
  async diff(_id, olds, news) {
    // The creation-only inputs (default rule and code mapping removal) never cause a change.
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    const changes =
      replaces.length > 0 ||
      olds.rateLimitCount !== news.rateLimitCount ||
      olds.rateLimitWindow !== news.rateLimitWindow ||
      olds.baseUrl !== news.baseUrl;
    return { changes, replaces };
  },
  async update(_id, olds, news) {
    const key = await adoptDefaultKey(sentryClientFromEnvironment(news.baseUrl), news);
    return { outs: { ...news, ...key, removedRuleIds: olds.removedRuleIds } };
  },
  async read(id, props) {
    const client = sentryClientFromEnvironment(props!.baseUrl);
    const key = await getKey(client, props!.organization, props!.project, props!.keyId);
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
