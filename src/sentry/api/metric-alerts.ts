// Metric alert rules ("alert-rules"), as provider v0.11.2 manages them (go-sentry v2.2.0
// metric_alerts.go): created, updated and deleted through the project, read through the organization.
import { Type, type Static } from "@sinclair/typebox";
import type { SentryClient } from "../client";
import { Nullable, SentryId, segment, getChecked, listChecked, postChecked, putChecked } from "./common";

export const MetricAlertAction = Type.Object({
  id: SentryId,
  type: Type.String(),
  targetType: Type.String(),
  /** A string for e-mail targets (the stored text); Sentry answers a number for PagerDuty and Sentry apps. */
  targetIdentifier: Nullable(Type.Union([Type.String(), Type.Number()])),
  integrationId: Type.Optional(Nullable(Type.Integer())),
});
export type MetricAlertAction = Static<typeof MetricAlertAction>;

export const MetricAlertTrigger = Type.Object({
  id: SentryId,
  label: Type.String(),
  thresholdType: Type.Integer(),
  alertThreshold: Type.Number(),
  resolveThreshold: Nullable(Type.Number()),
  actions: Type.Array(MetricAlertAction),
});

export const MetricAlert = Type.Object({
  id: SentryId,
  name: Type.String(),
  dataset: Type.String(),
  query: Type.String(),
  aggregate: Type.String(),
  /** Minutes. */
  timeWindow: Type.Number(),
  thresholdType: Type.Integer(),
  resolveThreshold: Nullable(Type.Number()),
  environment: Nullable(Type.String()),
  eventTypes: Type.Optional(Type.Array(Type.String())),
  projects: Type.Array(Type.String()),
  triggers: Type.Array(MetricAlertTrigger),
  owner: Type.Optional(Nullable(Type.String())),
  dateCreated: Type.String(),
});
export type MetricAlert = Static<typeof MetricAlert>;

/** What a create or update sends (go-sentry's MetricAlert, `omitempty` fields). */
export interface MetricAlertBody {
  name: string;
  dataset?: string;
  query: string;
  aggregate: string;
  timeWindow: number;
  thresholdType: number;
  resolveThreshold?: number;
  environment?: string;
  eventTypes?: string[];
  projects?: string[];
  triggers: {
    id?: string;
    label: string;
    thresholdType: number;
    alertThreshold: number;
    resolveThreshold?: number;
    actions: { id?: string; type: string; targetType: string; targetIdentifier?: string }[];
  }[];
}

const projectPath = (org: string, project: string) => `projects/${segment(org)}/${segment(project)}/alert-rules/`;
const organizationPath = (org: string) => `organizations/${segment(org)}/alert-rules/`;

/** Every metric alert of the organization, whatever its project (one list instead of one per project). */
export const listOrganizationMetricAlerts = (client: SentryClient, org: string) =>
  listChecked(client, organizationPath(org), MetricAlert);

export const listProjectMetricAlerts = (client: SentryClient, org: string, project: string) =>
  listChecked(client, projectPath(org, project), MetricAlert);

export const getMetricAlert = (client: SentryClient, org: string, alert: string) =>
  getChecked(client, `${organizationPath(org)}${segment(alert)}/`, MetricAlert);

export const createMetricAlert = (client: SentryClient, org: string, project: string, body: MetricAlertBody) =>
  postChecked(client, projectPath(org, project), body, MetricAlert);

/** A partial update: the fields not sent keep their value; the triggers sent replace the rule's. */
export const updateMetricAlert = (
  client: SentryClient,
  org: string,
  project: string,
  alert: string,
  body: Partial<MetricAlertBody>,
) => putChecked(client, `${projectPath(org, project)}${segment(alert)}/`, body, MetricAlert);

export const deleteMetricAlert = (client: SentryClient, org: string, project: string, alert: string) =>
  client.delete(`${projectPath(org, project)}${segment(alert)}/`);
