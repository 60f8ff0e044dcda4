// Metric alerts against the emulator: what the program declares, sent as provider v0.11.2 sends it and
// read back as it reads it, leaves nothing to change; Sentry's refusals; the typed endpoints; and the
// responses against Sentry's OpenAPI document.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { planTeams } from "../src/plan/plan";
import * as metricAlerts from "../src/sentry/api/metric-alerts";
import { SentryClient } from "../src/sentry/client";
import openapi from "./fixtures/sentry-openapi.json";
import { callEmulator } from "./helpers/emulator-http";
import { T, teamDir } from "./helpers/plan-harness";
import { PERFORMANCE_PROJECTS, prodPolicy, ROOT, validate } from "./helpers/team-files";

const TOKEN = "metric-alerts-token";
const files = {
  "demo.yaml": `name: Demo
members: [lea.durand]
${PERFORMANCE_PROJECTS}`,
};
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
const call = (method: string, path: string, body?: unknown) => callEmulator(emulator, TOKEN, method, path, body);
let client: SentryClient;

beforeAll(async () => {
  // The organization as it is before the alerts: its teams, projects and members, an event in production.
  const model = buildDesiredOrganization(validate({ "teams/demo.yaml": files["demo.yaml"] }).teams, prodPolicy);
  seedFromModel(
    emulator.state,
    { ...model, projects: model.projects.map((p) => ({ ...p, performanceAlerts: [] })) },
    {
      acceptedInvitations: true,
    },
  );
  emulator.state.projectBySlug("demo")!.environments.add("production");
  await emulator.listen();
  client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });
});
afterAll(() => emulator.close());

type Inputs = Record<string, unknown> & { triggers: Record<string, unknown>[] };

/** resource_sentry_metric_alert.go:160-198 and metric_alerts.go (`omitempty` on pointers, `actions` always). */
function providerBody(inputs: Inputs): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: inputs.name,
    dataset: inputs.dataset ?? "",
    query: inputs.query,
    aggregate: inputs.aggregate,
    timeWindow: inputs.timeWindow,
    thresholdType: inputs.thresholdType,
  };
  if (inputs.environment) body.environment = inputs.environment;
  if (Array.isArray(inputs.eventTypes) && inputs.eventTypes.length > 0) body.eventTypes = inputs.eventTypes;
  if (inputs.resolveThreshold) body.resolveThreshold = inputs.resolveThreshold;
  body.projects = [inputs.project];
  body.triggers = inputs.triggers.map((trigger) => ({
    label: trigger.label,
    thresholdType: trigger.thresholdType,
    alertThreshold: trigger.alertThreshold,
    // `triggerMap["resolve_threshold"].(float64)`: always sent, 0 when not set (lines 315-333).
    resolveThreshold: trigger.resolveThreshold ?? 0,
    actions: (trigger.actions as Record<string, unknown>[]).map((action) => ({
      type: action.type,
      targetType: action.targetType,
      ...(action.targetIdentifier ? { targetIdentifier: action.targetIdentifier } : {}),
    })),
  }));
  return body;
}

/** What the provider's Read puts in the state (lines 250-271): nil pointers read as zero values. */
function readBack(alert: Record<string, unknown>): Inputs {
  const triggers = (alert.triggers as Record<string, unknown>[]).map((trigger) => ({
    label: trigger.label,
    thresholdType: trigger.thresholdType,
    alertThreshold: trigger.alertThreshold,
    resolveThreshold: trigger.resolveThreshold ?? 0,
    actions: (trigger.actions as Record<string, unknown>[]).map((action) => ({
      type: action.type,
      targetType: action.targetType,
      targetIdentifier: action.targetIdentifier ?? "",
    })),
  }));
  return {
    organization: "betagouv",
    project: (alert.projects as string[])[0],
    name: alert.name,
    dataset: alert.dataset,
    query: alert.query,
    aggregate: alert.aggregate,
    timeWindow: alert.timeWindow,
    thresholdType: alert.thresholdType,
    eventTypes: alert.eventTypes,
    environment: alert.environment ?? "",
    resolveThreshold: alert.resolveThreshold ?? 0,
    triggers,
  };
}

describe("what the program declares, applied as provider v0.11.2 does", () => {
  it("is accepted, and read back leaves no difference with the declared inputs", async () => {
    const result = await planTeams({ dir: teamDir(files), stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const team = emulator.state.teamBySlug("demo")!;
    const userId = emulator.state.memberByEmail("lea.durand@beta.gouv.fr")!.userId!;
    const declared = result.plan.resources
      .filter((r) => r.type === T.metricAlert)
      .map(
        (r) =>
          JSON.parse(
            JSON.stringify(r.inputs)
              .replace(/<id of SentryTeam demo>/g, team.id)
              .replace("<user id of MemberUser lea.durand@beta.gouv.fr/user>", userId),
          ) as Inputs,
      );
    expect(declared).toHaveLength(3);
    for (const inputs of declared) {
      const created = await call("POST", "projects/betagouv/demo/alert-rules/", providerBody(inputs));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await call("GET", `organizations/betagouv/alert-rules/${(created.body as { id: string }).id}/`);
      const state = readBack(read.body as Record<string, unknown>);
      // Inputs the program leaves out are zero values in the state (Optional, not Computed).
      const expected = {
        eventTypes: [],
        resolveThreshold: 0,
        ...inputs,
        triggers: inputs.triggers.map((t) => ({ resolveThreshold: 0, ...t })),
      };
      expect(state).toEqual(expected);
    }
  });
});

describe("Sentry's refusals", () => {
  const valid = () => ({
    name: "A",
    dataset: "transactions",
    query: "",
    aggregate: "p95(transaction.duration)",
    timeWindow: 10,
    thresholdType: 0,
    eventTypes: ["transaction"],
    triggers: [
      {
        label: "critical",
        thresholdType: 0,
        alertThreshold: 2000,
        resolveThreshold: 0,
        actions: [{ type: "email", targetType: "team", targetIdentifier: emulator.state.teamBySlug("demo")!.id }],
      },
    ],
  });
  /** A change of the critical trigger, made once the emulator holds the team. */
  const trigger = (change: Record<string, unknown>) => () => ({ triggers: [{ ...valid().triggers[0], ...change }] });

  it.each<[string, Record<string, unknown> | (() => Record<string, unknown>), unknown]>([
    [
      "a crash rate over 10 minutes",
      {
        dataset: "metrics",
        aggregate: "percentage(sessions_crashed, sessions) AS _crash_rate_alert_aggregate",
        eventTypes: [],
        thresholdType: 1,
      },
      {
        nonFieldErrors: [
          "Invalid Time Window: Allowed time windows for crash rate alerts are: 30min, 1h, 2h, 4h, 12h and 24h",
        ],
      },
    ],
    ["a window over a day", { timeWindow: 1441 }, { timeWindow: ["Ensure this value is less than or equal to 1440."] }],
    [
      "an unknown function",
      { aggregate: "p42(transaction.duration)" },
      { aggregate: ["Invalid Metric: We do not currently support this field."] },
    ],
    [
      "a transaction function on errors",
      { dataset: "events", eventTypes: ["error"] },
      { nonFieldErrors: ["Invalid Query or Metric: An error occurred while attempting to run the query"] },
    ],
    [
      "an environment no event named",
      { environment: "staging" },
      { environment: ["Environment is not part of this organization"] },
    ],
    ["no trigger", { triggers: [] }, { nonFieldErrors: ["Must include at least one trigger"] }],
    [
      "a trigger without action",
      trigger({ actions: [] }),
      { nonFieldErrors: ["Each trigger must have an associated action for this alert to fire."] },
    ],
    [
      "a trigger not labelled critical",
      trigger({ label: "warning" }),
      { nonFieldErrors: ['Trigger 1 must be labeled "critical"'] },
    ],
    [
      "a resolve threshold above an alert that fires above",
      { resolveThreshold: 3000 },
      { nonFieldErrors: ["critical alert threshold must be above resolution threshold"] },
    ],
    [
      "a user who is no member",
      trigger({ actions: [{ type: "email", targetType: "user", targetIdentifier: "999999" }] }),
      { nonFieldErrors: ["User does not belong to this organization"] },
    ],
    [
      "an action without target",
      trigger({ actions: [{ type: "email", targetType: "team" }] }),
      { nonFieldErrors: ["One or more of your actions is missing a target identifier."] },
    ],
  ])("%s", async (_case, change, errors) => {
    const response = await call("POST", "projects/betagouv/demo/alert-rules/", {
      ...valid(),
      ...(typeof change === "function" ? change() : change),
    });
    expect([response.status, response.body]).toEqual([400, errors]);
  });

  it("whole-number thresholds may resolve one above the alert (Sentry's strict comparisons)", async () => {
    expect(
      (await call("POST", "projects/betagouv/demo/alert-rules/", { ...valid(), resolveThreshold: 2001 })).status,
    ).toBe(201);
  });
});

describe("updates and the typed endpoints", () => {
  it("an update is partial: what it does not send keeps its value (so the provider cannot clear it)", async () => {
    const team = emulator.state.teamBySlug("demo")!.id;
    const body: metricAlerts.MetricAlertBody = {
      name: "Partial",
      dataset: "transactions",
      query: "",
      aggregate: "failure_rate()",
      timeWindow: 60,
      thresholdType: 0,
      environment: "production",
      resolveThreshold: 0.01,
      triggers: [
        {
          label: "critical",
          thresholdType: 0,
          alertThreshold: 0.05,
          actions: [{ type: "email", targetType: "team", targetIdentifier: team }],
        },
      ],
    };
    const created = await metricAlerts.createMetricAlert(client, "betagouv", "demo", body);
    const { environment: _environment, resolveThreshold: _resolve, ...rest } = body;
    const updated = await metricAlerts.updateMetricAlert(client, "betagouv", "demo", created.id, {
      ...rest,
      name: "Renamed",
    });
    expect([updated.name, updated.environment, updated.resolveThreshold]).toEqual(["Renamed", "production", 0.01]);
    expect((await metricAlerts.getMetricAlert(client, "betagouv", created.id)).triggers[0].actions[0]).toMatchObject({
      type: "email",
      targetType: "team",
      targetIdentifier: team,
    });
    const listed = await metricAlerts.listOrganizationMetricAlerts(client, "betagouv");
    expect(listed.map((a) => a.name)).toContain("Renamed");
    expect((await metricAlerts.listProjectMetricAlerts(client, "betagouv", "demo")).map((a) => a.id)).toContain(
      created.id,
    );
    await metricAlerts.deleteMetricAlert(client, "betagouv", "demo", created.id);
    expect((await call("GET", `organizations/betagouv/alert-rules/${created.id}/`)).status).toBe(404);
  });

  it("answers in the shapes of Sentry's OpenAPI document", async () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const paths = (
      openapi as unknown as {
        paths: Record<
          string,
          Record<string, { responses: Record<string, { content: { "application/json": { schema: object } } }> }>
        >;
      }
    ).paths;
    const O = "/api/0/organizations/{organization_id_or_slug}/alert-rules/";
    const list = await call("GET", "organizations/betagouv/alert-rules/");
    const one = await call("GET", `organizations/betagouv/alert-rules/${(list.body as { id: string }[])[0].id}/`);
    for (const [response, path] of [
      [list, O],
      [one, `${O}{alert_rule_id}/`],
    ] as const) {
      const validate = ajv.compile(paths[path].get.responses["200"].content["application/json"].schema);
      expect(validate(response.body) ? [] : validate.errors).toEqual([]);
    }
  });
});
