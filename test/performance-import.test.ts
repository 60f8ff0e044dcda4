// Importing performance alerts: live metric alerts that a team file can say come back as `performance:`
// entries adopted by import ID (the first `up` imports them instead of creating twins); the others are
// reported, never dropped silently.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readAdoption } from "../src/adoption/adoption";
import { friendlyPerformance, importOrganization } from "../src/adoption/importer";
import { readLiveOrganization, type LiveMetricAlert } from "../src/adoption/live";
import { writeImport } from "../src/adoption/write";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { planJson, planTeams } from "../src/plan/plan";
import { SentryClient } from "../src/sentry/client";
import { T } from "./helpers/plan-harness";
import { prodPolicy, ROOT, validate } from "./helpers/team-files";

const TOKEN = "performance-import-token";
const source = {
  "demo.yaml": `name: Demo
members: [lea.durand]
projects:
  - slug: demo
    platform: javascript-react
    performance:
      - name: API lente
        p95: 2s
        per: 10m
        environment: production
        notify: [team, {member: lea.durand}]
        resolve: 1.5s
      - name: Échecs
        failureRate: 2.5%
        per: 1h
      - name: Crashs
        crashFreeSessions: 99.5%
        per: 1d
        resolve: 99.9%
`,
};

describe("round trip: performance alerts -> emulator -> import -> the same declarations, adopted", () => {
  const sourceDir = mkdtempSync(join(tmpdir(), "source-"));
  const out = join(mkdtempSync(join(tmpdir(), "import-")), "teams");
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
  let report: string[];

  beforeAll(async () => {
    for (const [name, text] of Object.entries(source)) writeFileSync(join(sourceDir, name), text);
    seedFromModel(
      emulator.state,
      buildDesiredOrganization(validate({ "teams/demo.yaml": source["demo.yaml"] }).teams, prodPolicy),
      {
        acceptedInvitations: true,
      },
    );
    // A live alert team files cannot say: p75, with a warning trigger.
    const project = emulator.state.projectBySlug("demo")!;
    const team = emulator.state.teamBySlug("demo")!;
    emulator.state.metricAlerts.set("9001", {
      id: "9001",
      projectId: project.id,
      name: "À la main",
      dataset: "transactions",
      query: "",
      aggregate: "p75(transaction.duration)",
      timeWindow: 10,
      thresholdType: 0,
      resolveThreshold: null,
      environment: null,
      eventTypes: ["transaction"],
      triggers: [
        {
          id: "1",
          label: "critical",
          alertThreshold: 3000,
          actions: [{ id: "2", type: "email", targetType: "team", targetIdentifier: team.id }],
        },
      ],
      dateCreated: emulator.state.now(),
    });
    await emulator.listen();
    const client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });
    const result = importOrganization(await readLiveOrganization(client, "betagouv"), prodPolicy);
    writeImport(result, out, prodPolicy);
    report = result.report;
  });
  afterAll(() => emulator.close());

  it("writes the friendly form back into the team file", () => {
    const file = parse(readFileSync(join(out, "demo.yaml"), "utf8"));
    expect(file.projects[0].performance).toEqual([
      {
        name: "API lente",
        p95: "2s",
        per: "10m",
        environment: "production",
        notify: ["team", { member: "lea.durand" }],
        resolve: "1.5s",
      },
      { name: "Échecs", failureRate: "2.5%", per: "1h", notify: ["team"] },
      { name: "Crashs", crashFreeSessions: "99.5%", per: "1d", notify: ["team"], resolve: "99.9%" },
    ]);
  });

  it("declares the same metric alerts, each adopted by its import ID", async () => {
    const original = await planTeams({ dir: sourceDir, stack: "prod", projectDir: ROOT });
    const imported = await planTeams({ dir: out, stack: "prod", projectDir: ROOT });
    if (!original.ok || !imported.ok) throw new Error("both folders must plan");
    const alerts = (resources: ReturnType<typeof planJson>["resources"]) =>
      resources.filter((r) => r.type === T.metricAlert);
    const importedAlerts = alerts(planJson(imported.plan).resources);
    expect(importedAlerts.map(({ type, name, inputs }) => ({ type, name, inputs }))).toEqual(
      alerts(planJson(original.plan).resources),
    );
    const idOf = (name: string) => [...emulator.state.metricAlerts.values()].find((a) => a.name === name)!.id;
    expect(Object.fromEntries(importedAlerts.map((r) => [r.inputs.name, r.import]))).toEqual({
      "API lente": `betagouv/demo/${idOf("API lente")}`,
      Échecs: `betagouv/demo/${idOf("Échecs")}`,
      Crashs: `betagouv/demo/${idOf("Crashs")}`,
    });
  });

  it("reports what team files cannot say", () => {
    expect(report).toContain(
      'metric alert "À la main" (id 9001) of project "demo" is not imported because its metric p75(transaction.duration) on transactions has no team-file form: it stays in Sentry, unmanaged',
    );
  });

  it("the adoption file only adopts a performance alert the team declares", () => {
    const teams = validate({ "teams/demo.yaml": source["demo.yaml"] }).teams;
    const dir = mkdtempSync(join(tmpdir(), "adoption-"));
    writeFileSync(
      join(dir, "adoption.json"),
      JSON.stringify({
        organization: "betagouv",
        teams: {
          demo: { projects: { demo: { performance: { Autre: "betagouv/demo/1", "API lente": "betagouv/other/2" } } } },
        },
      }),
    );
    expect(readAdoption(dir, teams, prodPolicy, dir).diagnostics.map((d) => `${d.rule} ${d.message.en}`)).toEqual([
      'adoption-not-declared performance alert "Autre" is not declared by project "demo": an adoption entry belongs to the team that declares the resource; this file is written by `npm run import`: import again rather than editing it',
      'adoption-foreign-id performance alert "API lente" can only adopt "betagouv/demo/<alert rule id>", not "betagouv/other/2"',
    ]);
  });
});

describe("what a live metric alert needs to be imported", () => {
  const base: LiveMetricAlert = {
    id: "1",
    name: "A",
    dataset: "transactions",
    query: "",
    aggregate: "p95(transaction.duration)",
    timeWindow: 10,
    thresholdType: 0,
    resolveThreshold: null,
    environment: null,
    projects: ["demo"],
    triggers: [
      {
        id: "2",
        label: "critical",
        thresholdType: 0,
        alertThreshold: 2000,
        resolveThreshold: null,
        actions: [{ id: "3", type: "email", targetType: "team", targetIdentifier: "10" }],
      },
    ],
  };
  const live = { teamId: "10", handleOfUser: new Map([["77", "lea.durand"]]) };
  const trigger = base.triggers[0];

  it.each<[string, Partial<LiveMetricAlert>, string | undefined, string]>([
    [
      "a warning trigger",
      { triggers: [trigger, { ...trigger, label: "warning" }] },
      undefined,
      "it has a warning trigger besides the critical one",
    ],
    [
      "a Slack action",
      {
        triggers: [
          { ...trigger, actions: [{ id: "3", type: "slack", targetType: "specific", targetIdentifier: "#x" }] },
        ],
      },
      undefined,
      "it notifies slack specific #x, which team files cannot say",
    ],
    [
      "another team",
      { triggers: [{ ...trigger, actions: [{ id: "3", type: "email", targetType: "team", targetIdentifier: "11" }] }] },
      undefined,
      "it notifies email team 11, which team files cannot say",
    ],
    [
      "a resolve above an alert that fires above",
      { resolveThreshold: 3000 },
      undefined,
      "its resolve threshold 3s is on the wrong side of 2s",
    ],
    ["a platform without transactions", {}, "elixir", "its project's platform elixir sends no transactions"],
    ["a filter", { query: "transaction:/api" }, undefined, 'it filters events (query "transaction:/api")'],
  ])("refuses %s", (_case, change, platform, reason) => {
    expect(friendlyPerformance({ ...base, ...change }, live, platform)).toEqual({ reason });
  });

  it("reads a person by their user id", () => {
    const alert = {
      ...base,
      triggers: [{ ...trigger, actions: [{ id: "3", type: "email", targetType: "user", targetIdentifier: "77" }] }],
    };
    expect(friendlyPerformance(alert, live, "javascript-react")).toEqual({
      alert: { name: "A", p95: "2s", per: "10m", notify: [{ member: "lea.durand" }] },
    });
  });
});
