// Issue alert rules ("rules") of a project.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, RuleNode, SentryId, segment, getChecked, listChecked, postChecked, putChecked } from "./common";

export const IssueAlertRule = Type.Object({
  id: SentryId,
  name: Type.String(),
  actionMatch: Type.String(),
  filterMatch: Type.String(),
  /** Minutes between two notifications for one issue. */
  frequency: Type.Integer(),
  environment: Type.Optional(Nullable(Type.String())),
  conditions: Type.Array(RuleNode),
  filters: Type.Array(RuleNode),
  actions: Type.Array(RuleNode),
  projects: Type.Array(Type.String()),
  dateCreated: Type.String(),
});
export type IssueAlertRule = Static<typeof IssueAlertRule>;

/** What a create or update sends (an update replaces the whole rule). */
export interface IssueAlertRuleBody {
  name: string;
  actionMatch: string;
  filterMatch: string;
  frequency: number;
  conditions: Record<string, unknown>[];
  filters: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  environment?: string | null;
}

const rulesPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/rules/`;

export const listRules = (client: SentryClient, org: string, project: string) =>
  listChecked(client, rulesPath(org, project), IssueAlertRule);

export const getRule = (client: SentryClient, org: string, project: string, rule: string) =>
  getChecked(client, `${rulesPath(org, project)}${segment(rule)}/`, IssueAlertRule);

export const createRule = (client: SentryClient, org: string, project: string, body: IssueAlertRuleBody) =>
  postChecked(client, rulesPath(org, project), body, IssueAlertRule);

export const updateRule = (
  client: SentryClient,
  org: string,
  project: string,
  rule: string,
  body: IssueAlertRuleBody,
) => putChecked(client, `${rulesPath(org, project)}${segment(rule)}/`, body, IssueAlertRule);

export const deleteRule = (client: SentryClient, org: string, project: string, rule: string) =>
  client.delete(`${rulesPath(org, project)}${segment(rule)}/`);

/** A metric alert trigger's action: whom it notifies. */
const TriggerAction = Type.Object({
  type: Type.String(),
  targetType: Type.String(),
  targetIdentifier: Type.Optional(Nullable(Type.Union([Type.String(), Type.Number()]))),
});

/**
 * An item of `GET /organizations/{org}/combined-rules/`: issue rules (`type: "rule"`) and metric
 * alerts (`"alert_rule"`) of every project, and uptime or cron monitors the checklist ignores
 * (getsentry/sentry src/sentry/incidents/endpoints/organization_alert_rule_index.py@6538658
 * OrganizationCombinedRuleIndexEndpoint, CombinedRuleSerializer).
 */
export const CombinedRule = Type.Object({
  type: Type.String(),
  id: SentryId,
  name: Type.String(),
  projects: Type.Optional(Type.Array(Type.String())),
  /** Issue rules: "active" or "disabled". */
  status: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  snooze: Type.Optional(Type.Boolean()),
  actions: Type.Optional(Type.Array(RuleNode)),
  triggers: Type.Optional(Type.Array(Type.Object({ actions: Type.Array(TriggerAction) }))),
});
export type CombinedRule = Static<typeof CombinedRule>;

/** Every alert rule of the organization in pages of 100 (`project=-1`: all projects, not only the token user's). */
export const listCombinedRules = (client: SentryClient, org: string) =>
  listChecked(client, `organizations/${segment(org)}/combined-rules/?project=-1&per_page=100`, CombinedRule);
