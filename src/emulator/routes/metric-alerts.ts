// Metric alert rules ("alert-rules"): the routes provider v0.11.2 calls (go-sentry v2.2.0
// metric_alerts.go: create, update and delete through the project, read through the organization),
// and the organization's list. Sources are getsentry/sentry:
// AS   src/sentry/incidents/serializers/alert_rule.py (stored version 1344538577; @5841509b for 2022)
// INIT src/sentry/incidents/serializers/__init__.py@0b13d071
// TS   src/sentry/incidents/serializers/alert_rule_trigger.py@222f05cd
// TAS  src/sentry/incidents/serializers/alert_rule_trigger_action.py@0a67f1b7
// PD   src/sentry/incidents/endpoints/project_alert_rule_details.py (stored version 77853403)
// Error bodies: the field errors are DRF's; the messages of the rule, trigger and action checks are
// Sentry's, under `nonFieldErrors`, without the nesting Sentry gives trigger and action errors.
import { HttpError, notFound, type ApiRequest, type EmulatorApi } from "../http";
import { metricAlertBody } from "../serialize";
import type { EmulatedMetricAlert, EmulatedMetricAlertTrigger, EmulatedProject, EmulatorState } from "../state";

/** SnubaQuery.Type by dataset (logic.py `query_datasets_to_type`): 0 error, 1 performance, 2 crash rate. */
const QUERY_TYPES: Record<string, 0 | 1 | 2> = {
  events: 0,
  transactions: 1,
  generic_metrics: 1,
  metrics: 2,
  sessions: 2,
};
/** The functions each query type's entity subscription resolves (what Sentry's own alert forms send). */
const AGGREGATES: Record<0 | 1 | 2, RegExp> = {
  0: /^(count\(\)|count_unique\(user\))$/,
  1: /^(count\(\)|failure_rate\(\)|apdex\(\d+\)|(avg|p50|p75|p90|p95|p99|p100)\((transaction\.duration|measurements\.[a-z_.]+)\))$/,
  2: /^percentage\((sessions_crashed, sessions|users_crashed, users)\) AS _crash_rate_alert_aggregate$/,
};
/** INIT, QUERY_TYPE_VALID_EVENT_TYPES; a crash-rate rule's event types are emptied (AS `validate`). */
const EVENT_TYPES: Record<0 | 1 | 2, string[]> = { 0: ["error", "default"], 1: ["transaction"], 2: [] };
/** INIT, CRASH_RATE_ALERTS_ALLOWED_TIME_WINDOWS (minutes). */
const CRASH_RATE_WINDOWS = [30, 60, 120, 240, 720, 1440];
/** Action types and the targets each supports (the registered factories; e-mail: user or team). */
const ACTION_TARGETS: Record<string, string[]> = {
  email: ["user", "team"],
  slack: ["specific"],
  pagerduty: ["specific"],
  msteams: ["specific"],
  sentry_app: ["sentry_app"],
  opsgenie: ["specific"],
  discord: ["specific"],
};

const invalid = (message: string) => new HttpError(400, { nonFieldErrors: [message] });
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

type Fields = Omit<EmulatedMetricAlert, "id" | "projectId" | "dateCreated">;

/**
 * The rule serializer over a create, or over a partial update of `existing` (PD: `partial=True`, so
 * the fields not sent keep their value; the triggers sent replace the rule's).
 */
function validAlert(state: EmulatorState, body: Record<string, unknown>, existing?: EmulatedMetricAlert): Fields {
  const errors: Record<string, string[]> = {};
  const given = (key: string) => body[key] !== undefined;
  const required = (key: string) => {
    if (!given(key) && !existing) errors[key] = ["This field is required."];
  };
  for (const key of ["name", "query", "aggregate", "timeWindow", "thresholdType", "triggers"]) required(key);

  const name = given("name") ? String(body.name) : existing?.name;
  if (given("name") && (name === "" || name!.length > 256))
    errors.name = [name === "" ? "This field may not be blank." : "Ensure this field has no more than 256 characters."];
  const dataset = given("dataset") ? String(body.dataset) : (existing?.dataset ?? "events");
  if (!(dataset in QUERY_TYPES))
    errors.dataset = [`Invalid dataset, valid values are ${JSON.stringify(Object.keys(QUERY_TYPES))}`];
  const timeWindow = given("timeWindow") ? Number(body.timeWindow) : existing?.timeWindow;
  if (given("timeWindow")) {
    if (!Number.isInteger(timeWindow)) errors.timeWindow = ["A valid integer is required."];
    else if (timeWindow! < 1) errors.timeWindow = ["Ensure this value is greater than or equal to 1."];
    else if (timeWindow! > 1440) errors.timeWindow = ["Ensure this value is less than or equal to 1440."];
  }
  const thresholdType = given("thresholdType") ? Number(body.thresholdType) : existing?.thresholdType;
  if (given("thresholdType") && thresholdType !== 0 && thresholdType !== 1)
    errors.thresholdType = ["Invalid threshold type, valid values are [0, 1]"];
  const aggregate = given("aggregate") ? String(body.aggregate) : existing?.aggregate;
  if (given("aggregate") && !Object.values(AGGREGATES).some((pattern) => pattern.test(aggregate!)))
    errors.aggregate = ["Invalid Metric: We do not currently support this field."];
  // EnvironmentField (src/sentry/api/serializers/rest_framework/environment.py@0c9162dc).
  const environment = given("environment") ? (body.environment as string | null) : (existing?.environment ?? null);
  if (given("environment") && environment !== null && !state.hasEnvironment(String(environment)))
    errors.environment = ["Environment is not part of this organization"];
  const resolveThreshold = given("resolveThreshold")
    ? (body.resolveThreshold as number | null)
    : (existing?.resolveThreshold ?? null);
  if (Object.keys(errors).length > 0) throw new HttpError(400, errors);

  const queryType = QUERY_TYPES[dataset];
  if (!AGGREGATES[queryType].test(aggregate!))
    throw invalid("Invalid Query or Metric: An error occurred while attempting to run the query");
  if (dataset === "generic_metrics")
    throw invalid("This project does not have access to the `generic_metrics` dataset");
  // AS `_validate_time_window`.
  if (queryType === 2 && !CRASH_RATE_WINDOWS.includes(timeWindow!))
    throw invalid(
      "Invalid Time Window: Allowed time windows for crash rate alerts are: 30min, 1h, 2h, 4h, 12h and 24h",
    );

  const eventTypes =
    queryType === 2 ? [] : given("eventTypes") ? (body.eventTypes as string[]) : (existing?.eventTypes ?? []);
  if (eventTypes.some((t) => !EVENT_TYPES[queryType].includes(t)))
    throw invalid(
      `Invalid event types for this dataset. Valid event types are ${JSON.stringify(EVENT_TYPES[queryType])}`,
    );

  const triggers = given("triggers")
    ? validTriggers(state, body.triggers, thresholdType!, resolveThreshold)
    : existing!.triggers;
  return {
    name: name!,
    dataset,
    query: given("query") ? String(body.query) : existing!.query,
    aggregate: aggregate!,
    timeWindow: timeWindow!,
    thresholdType: thresholdType!,
    resolveThreshold,
    environment,
    eventTypes,
    triggers,
  };
}

/** AS `validate` (one or two triggers, labelled, each with an action, thresholds), then TS and TAS. */
function validTriggers(
  state: EmulatorState,
  value: unknown,
  thresholdType: number,
  resolveThreshold: number | null,
): EmulatedMetricAlertTrigger[] {
  const triggers = Array.isArray(value) ? value.filter(isRecord) : [];
  if (triggers.length === 0) throw invalid("Must include at least one trigger");
  if (triggers.length > 2)
    throw invalid("Must send 1 or 2 triggers - A critical trigger, and an optional warning trigger");
  triggers.forEach((trigger, i) => {
    if (!Array.isArray(trigger.actions) || trigger.actions.length === 0)
      throw invalid("Each trigger must have an associated action for this alert to fire.");
    const expected = ["critical", "warning"][i];
    if (trigger.label !== expected) throw invalid(`Trigger ${i + 1} must be labeled "${expected}"`);
    if (typeof trigger.alertThreshold !== "number") throw invalid("Trigger must have an alertThreshold");
    checkResolve(trigger.label as string, trigger.alertThreshold, thresholdType, resolveThreshold);
  });
  if (triggers.length === 2) {
    const [critical, warning] = triggers.map((t) => t.alertThreshold as number);
    if (thresholdType === 0 ? critical < warning : critical > warning)
      throw invalid(
        `Critical trigger must have an alert threshold ${thresholdType === 0 ? "above" : "below"} warning trigger`,
      );
  }
  return triggers.map((trigger) => ({
    id: state.newId(),
    label: String(trigger.label),
    alertThreshold: trigger.alertThreshold as number,
    actions: (trigger.actions as unknown[]).filter(isRecord).map((action) => validAction(state, action)),
  }));
}

/**
 * AS `_validate_trigger_thresholds`: the alert threshold must be past the resolve threshold; with whole
 * numbers Sentry widens both by one, since the comparisons are strict.
 */
function checkResolve(label: string, alert: number, thresholdType: number, resolve: number | null): void {
  if (resolve === null) return;
  const whole = Number.isInteger(alert) && Number.isInteger(resolve);
  const [alertAdd, resolveAdd] = thresholdType === 0 ? (whole ? [1, -1] : [0, 0]) : whole ? [-1, 1] : [0, 0];
  const refused =
    thresholdType === 0 ? alert + alertAdd <= resolve + resolveAdd : alert + alertAdd >= resolve + resolveAdd;
  if (refused)
    throw invalid(`${label} alert threshold must be ${thresholdType === 0 ? "above" : "below"} resolution threshold`);
}

/** TS `_handle_actions` (a target identifier is required) and TAS `validate`. */
function validAction(state: EmulatorState, action: Record<string, unknown>) {
  const identifier = action.targetIdentifier;
  if (identifier === undefined || identifier === null || identifier === "")
    throw invalid("One or more of your actions is missing a target identifier.");
  const type = String(action.type);
  if (!(type in ACTION_TARGETS))
    throw invalid(`Invalid type, valid values are ${JSON.stringify(Object.keys(ACTION_TARGETS))}`);
  const targetType = String(action.targetType);
  if (!["specific", "user", "team", "sentry_app"].includes(targetType))
    throw invalid("Invalid targetType, valid values are [specific, user, team, sentry_app]");
  if (!ACTION_TARGETS[type].includes(targetType))
    throw invalid(`Invalid target type for ${type}. Valid types are [${ACTION_TARGETS[type].join(",")}]`);
  if (type === "email" && targetType === "team" && !state.teams.has(String(identifier)))
    throw invalid("Team does not exist");
  if (type === "email" && targetType === "user" && !state.memberByUserId(String(identifier)))
    throw invalid("User does not belong to this organization");
  return { id: state.newId(), type, targetType, targetIdentifier: String(identifier) };
}

export function defineMetricAlertRoutes(api: EmulatorApi): void {
  const s = api.state;
  const read = [
    "org:read",
    "org:write",
    "org:admin",
    "project:read",
    "project:write",
    "project:admin",
    "alerts:read",
    "alerts:write",
  ];
  const write = ["org:write", "org:admin", "project:write", "project:admin", "alerts:write"];
  const alertsOf = (project?: EmulatedProject) =>
    [...s.metricAlerts.values()]
      .filter((a) => !project || a.projectId === project.id)
      .sort((a, b) => Number(a.id) - Number(b.id));
  const alertOf = (r: ApiRequest, project?: EmulatedProject) => {
    const alert = s.metricAlerts.get(r.params.alert);
    if (!alert || (project && alert.projectId !== project.id)) throw notFound();
    return alert;
  };

  api.route("GET", "/organizations/:org/alert-rules/", read, (r) =>
    api.page(
      r,
      alertsOf().map((a) => metricAlertBody(s, a)),
    ),
  );
  api.route("GET", "/organizations/:org/alert-rules/:alert/", read, (r) => ({
    status: 200,
    body: metricAlertBody(s, alertOf(r)),
  }));
  api.route("GET", "/projects/:org/:project/alert-rules/", read, (r) =>
    api.page(
      r,
      alertsOf(api.project(r.params.project)).map((a) => metricAlertBody(s, a)),
    ),
  );
  // The project's route fills `projects` with it; an e-mail rule is created at once (201).
  api.route("POST", "/projects/:org/:project/alert-rules/", write, (r) => {
    const project = api.project(r.params.project);
    const alert = { ...validAlert(s, r.body), id: s.newId(), projectId: project.id, dateCreated: s.now() };
    s.metricAlerts.set(alert.id, alert);
    return { status: 201, body: metricAlertBody(s, alert) };
  });
  api.route("GET", "/projects/:org/:project/alert-rules/:alert/", read, (r) => ({
    status: 200,
    body: metricAlertBody(s, alertOf(r, api.project(r.params.project))),
  }));
  api.route("PUT", "/projects/:org/:project/alert-rules/:alert/", write, (r) => {
    const existing = alertOf(r, api.project(r.params.project));
    const updated = { ...existing, ...validAlert(s, r.body, existing) };
    s.metricAlerts.set(updated.id, updated);
    return { status: 200, body: metricAlertBody(s, updated) };
  });
  api.route("DELETE", "/projects/:org/:project/alert-rules/:alert/", write, (r) => {
    s.metricAlerts.delete(alertOf(r, api.project(r.params.project)).id);
    return { status: 204 };
  });
}
