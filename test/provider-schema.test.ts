// Mocks accept any input; the real provider checks inputs against its schema. Check every declared
// @pulumiverse/sentry and @pulumi/github resource of the 662-team plan against @pulumiverse/sentry
// 0.0.9's schema (copied from shared/reference) and the few GitHub inputs we use.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import schema from "./fixtures/pulumi-sentry-schema.json";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { planTeams, type Plan } from "../src/plan/plan";
import { ROOT } from "./helpers/team-files";
import { T } from "./helpers/plan-harness";

type PropertySchema = { type?: string; items?: PropertySchema; additionalProperties?: PropertySchema; $ref?: string };
const { resources, types } = schema as unknown as {
  resources: Record<string, { inputProperties: Record<string, PropertySchema>; requiredInputs?: string[] }>;
  types: Record<string, { properties: Record<string, PropertySchema>; required?: string[] }>;
};

/** Problems of an object against one of the schema's types (`#/types/...`): required, unknown and typed properties. */
function objectProblems(value: unknown, ref: string, path: string): string[] {
  const type = types[ref.replace("#/types/", "")];
  if (!type) return [`${path}: ${ref} is not in the provider schema`];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [`${path}: expected object`];
  const record = value as Record<string, unknown>;
  return [
    ...(type.required ?? []).filter((k) => record[k] === undefined).map((k) => `${path}: missing required ${k}`),
    ...Object.keys(record)
      .filter((k) => !(k in type.properties))
      .map((k) => `${path}: unknown property ${k}`),
    ...Object.entries(record).flatMap(([k, v]) =>
      k in type.properties ? problems(v, type.properties[k], `${path}.${k}`) : [],
    ),
  ];
}

/** Problems of one value against a schema property, as the engine's type check would see them. */
function problems(value: unknown, property: PropertySchema, path: string): string[] {
  if (property.$ref) return property.$ref.startsWith("#/types/") ? objectProblems(value, property.$ref, path) : [];
  switch (property.type) {
    case "string":
      return typeof value === "string" ? [] : [`${path}: expected string, got ${typeof value}`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${path}: expected integer, got ${JSON.stringify(value)}`];
    case "number":
      return typeof value === "number" ? [] : [`${path}: expected number`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected boolean`];
    case "array":
      return Array.isArray(value)
        ? value.flatMap((v, i) => problems(v, property.items!, `${path}[${i}]`))
        : [`${path}: expected array`];
    case "object":
      return value !== null && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => problems(v, property.additionalProperties ?? {}, `${path}.${k}`))
        : [`${path}: expected object`];
    default:
      return [];
  }
}

export function checkAgainstSchema(type: string, inputs: Record<string, unknown>): string[] {
  const resource = resources[type];
  if (!resource) return [`${type}: not in the provider schema`];
  const missing = (resource.requiredInputs ?? [])
    .filter((k) => inputs[k] === undefined)
    .map((k) => `missing required input ${k}`);
  const unknown = Object.keys(inputs)
    .filter((k) => !(k in resource.inputProperties))
    .map((k) => `unknown input ${k}`);
  const typed = Object.entries(inputs).flatMap(([k, v]) =>
    k in resource.inputProperties ? problems(v, resource.inputProperties[k], k) : [],
  );
  return [...missing, ...unknown, ...typed];
}

describe("declared inputs match the real provider schemas (662 realistic teams)", () => {
  let plan: Plan;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "realistic-"));
    for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
    const result = await planTeams({ dir, stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
    plan = result.plan;
  }, 120_000);

  it("holds the real network at scale", () => {
    expect(plan.model.teams).toHaveLength(662);
    expect(plan.model.projects.length).toBeGreaterThan(900);
  });

  it("every @pulumiverse/sentry resource passes the 0.0.9 input schema", () => {
    const sentryResources = plan.resources.filter((r) => r.type.startsWith("sentry:"));
    expect(sentryResources.length).toBeGreaterThan(3000);
    const failures = sentryResources.flatMap((r) =>
      checkAgainstSchema(r.type, r.inputs).map((p) => `${r.type} ${r.name}: ${p}`),
    );
    expect(failures).toEqual([]);
  });

  it("the checker itself catches what mocks let through (numbers in rule nodes, unknown inputs)", () => {
    expect(
      checkAgainstSchema(T.alert, {
        organization: "o",
        project: "p",
        actionMatch: "any",
        filterMatch: "all",
        frequency: 30,
        conditions: [{ id: "x", value: 10 }],
        actions: [],
      }),
    ).toEqual(["conditions[0].value: expected string, got number"]);
    expect(checkAgainstSchema(T.project, { organization: "o", plateform: "x" })).toEqual(["unknown input plateform"]);
  });

  it("the checker follows the schema's types into nested objects (metric alert triggers and their actions)", () => {
    const trigger = { label: "critical", thresholdType: 0, alertThreshold: 2000, actions: [{ type: "email" }] };
    expect(
      checkAgainstSchema(T.metricAlert, {
        organization: "o",
        project: "p",
        query: "",
        aggregate: "p95(transaction.duration)",
        timeWindow: 10,
        thresholdType: 0,
        triggers: [{ ...trigger, alertThreshold: "2s", severity: "high" }],
      }),
    ).toEqual([
      "triggers[0]: unknown property severity",
      "triggers[0].alertThreshold: expected number",
      "triggers[0].actions[0]: missing required targetType",
    ]);
  });

  it("GitHub installation entries carry the inputs AppInstallationRepository requires", () => {
    for (const r of plan.resources.filter((x) => x.type === T.installationRepo)) {
      expect(Object.keys(r.inputs).sort()).toEqual(["installationId", "repository"]);
      expect(r.inputs.repository).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });

  it("performance alerts of every metric pass the 0.0.9 input schema, nested triggers included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "performance-"));
    writeFileSync(
      join(dir, "demo.yaml"),
      `name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    performance:\n${[
        "p50: 800ms",
        "p95: 2s",
        "p99: 5s",
        "failureRate: 5%",
        "crashFreeSessions: 99%",
      ]
        .map(
          (metric, i) =>
            `      - name: A${i}\n        ${metric}\n        per: 1h\n        notify: [team, {member: lea.durand}]\n${i % 2 ? "        environment: production\n" : ""}${i === 1 ? "        resolve: 1s\n" : ""}`,
        )
        .join("")}`,
    );
    const result = await planTeams({ dir, stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const alerts = result.plan.resources.filter((r) => r.type === T.metricAlert);
    expect(alerts).toHaveLength(5);
    expect(alerts.flatMap((r) => checkAgainstSchema(r.type, r.inputs).map((p) => `${r.name}: ${p}`))).toEqual([]);
  });

  it("logical names are unique per type across the whole organization", () => {
    const keys = plan.resources.map((r) => `${r.type}::${r.name}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });
});
