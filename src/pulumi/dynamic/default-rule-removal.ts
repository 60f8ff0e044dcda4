// Sentry adds its own default issue alert to every new project ("Send a notification for new
// issues", or the "high priority issues" variant in newer releases), and provider 0.0.9 cannot send
// `default_rules: false`. This one-shot dynamic resource, declared only for projects this program
// creates, deletes that auto-created rule right after creation so that the managed rules are the only
// ones. It matches Sentry's default names *and* shape, so it never touches a rule a team made.
import * as pulumi from "@pulumi/pulumi";
import { sentryClientFromEnvironment } from "../../sentry/client";

export interface DefaultRuleRemovalInputs {
  baseUrl: string;
  organization: string;
  project: string;
}

export interface DefaultRuleRemovalOutputs extends DefaultRuleRemovalInputs {
  removedRuleIds: string[];
}

interface SentryRule {
  id: string;
  name: string;
  conditions: { id: string }[];
  filters?: { id: string }[];
}

const SENTRY_DEFAULT_RULE_NAMES = ["Send a notification for new issues", "Send a notification for high priority issues"];
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

export const defaultRuleRemovalProvider: pulumi.dynamic.ResourceProvider<DefaultRuleRemovalInputs, DefaultRuleRemovalOutputs> = {
  async create(inputs) {
    const client = sentryClientFromEnvironment(inputs.baseUrl);
    const base = `projects/${encodeURIComponent(inputs.organization)}/${encodeURIComponent(inputs.project)}/rules/`;
    const rules = await client.list<SentryRule>(base);
    const removed: string[] = [];
    for (const rule of rules.filter(isSentryDefaultRule)) {
      await client.delete(`${base}${rule.id}/`);
      removed.push(String(rule.id));
    }
    return { id: `${inputs.organization}/${inputs.project}/default-rule-removal`, outs: { ...inputs, removedRuleIds: removed } };
  },
  async diff(_id, olds, news) {
    // One-shot: only a different project makes it run again.
    const replaces = (["organization", "project"] as const).filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces };
  },
  async delete() {
    // Nothing to undo.
  },
};

export type DefaultRuleRemovalArgs = { [K in keyof DefaultRuleRemovalInputs]: pulumi.Input<DefaultRuleRemovalInputs[K]> };

export class DefaultRuleRemoval extends pulumi.dynamic.Resource {
  declare readonly removedRuleIds: pulumi.Output<string[]>;

  constructor(name: string, args: DefaultRuleRemovalArgs, opts?: pulumi.CustomResourceOptions) {
    super(defaultRuleRemovalProvider, name, { ...args, removedRuleIds: undefined }, opts, "sentry-incubateur", "DefaultRuleRemoval");
  }
}
