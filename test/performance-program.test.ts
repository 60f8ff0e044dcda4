// Performance alerts and ended access through the model and the real program under mocks: the exact
// SentryMetricAlert inputs per metric, their targets, and memberships that end.
import { describe, expect, it } from "vitest";
import {
  describePerformanceCondition,
  metricAlertActions,
  performanceOfMetricAlert,
  writtenThreshold,
  type DesiredPerformanceAlert,
} from "../src/model/alert-rules";
import { buildDesiredOrganization } from "../src/model/organization";
import { accessLines, describePerformanceAlert } from "../src/plan/access-and-performance";
import { planMarkdown } from "../src/plan/markdown";
import { runUnderMocks } from "../src/plan/mock-engine";
import { planTeams } from "../src/plan/plan";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { PERFORMANCE_METRICS, METRICS } from "../src/team-file/performance";
import { declare, T, teamDir } from "./helpers/plan-harness";
import { recordRegistrations, type Registration } from "./helpers/registrations";
import { PERFORMANCE_PROJECTS, prodPolicy, ROOT, validate } from "./helpers/team-files";

const demo = `name: Demo
members:
  - lea.durand
  - handle: sacha.bernard
    until: 2999-01-01
${PERFORMANCE_PROJECTS}`;

describe("SentryMetricAlert declarations", async () => {
  const declared = await declare({ "demo.yaml": demo });
  const alerts = declared.ofType(T.metricAlert);
  const byName = (name: string) => alerts.find((a) => a.inputs.name === name)!;

  it("one per performance alert, named by the project and a key of the alert's name", () => {
    expect(alerts.map((a) => a.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^demo\/performance\/[0-9a-f]{12}$/)]),
    );
    expect(alerts).toHaveLength(3);
  });

  it("a duration percentile: transactions, above, in milliseconds, e-mail to the team and to the person", () => {
    expect(byName("API lente").inputs).toEqual({
      organization: "betagouv",
      project: "demo",
      name: "API lente",
      dataset: "transactions",
      query: "",
      aggregate: "p95(transaction.duration)",
      timeWindow: 10,
      thresholdType: 0,
      eventTypes: ["transaction"],
      environment: "production",
      resolveThreshold: 1500,
      triggers: [
        {
          label: "critical",
          thresholdType: 0,
          alertThreshold: 2000,
          resolveThreshold: 1500,
          actions: [
            { type: "email", targetType: "team", targetIdentifier: "<id of SentryTeam demo>" },
            {
              type: "email",
              targetType: "user",
              targetIdentifier: "<user id of MemberUser lea.durand@beta.gouv.fr/user>",
            },
          ],
        },
      ],
    });
    declared.resourceCount(T.memberUser, 1);
  });

  it('the failure rate as Sentry\'s ratio; no environment sent as ""', () => {
    expect(byName("Échecs").inputs).toMatchObject({
      dataset: "transactions",
      aggregate: "failure_rate()",
      timeWindow: 60,
      thresholdType: 0,
      environment: "",
      triggers: [{ label: "critical", thresholdType: 0, alertThreshold: 0.05, actions: [expect.anything()] }],
    });
    expect(byName("Échecs").inputs).not.toHaveProperty("resolveThreshold");
  });

  it("crash-free sessions: the metrics dataset, below, in percent, without event types", () => {
    const inputs = byName("Crashs").inputs;
    expect(inputs).toMatchObject({
      dataset: "metrics",
      aggregate: "percentage(sessions_crashed, sessions) AS _crash_rate_alert_aggregate",
      timeWindow: 1440,
      thresholdType: 1,
      resolveThreshold: 99.9,
      triggers: [{ thresholdType: 1, alertThreshold: 99.5, resolveThreshold: 99.9 }],
    });
    expect(inputs).not.toHaveProperty("eventTypes");
  });

  it("replaces an alert whose environment or resolve threshold changes (the provider cannot clear them)", async () => {
    const registrations: Registration[] = [];
    const { teams } = validate({ "teams/demo.yaml": demo });
    await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config: readStackConfig("prod", ROOT),
      load: async () => {
        recordRegistrations(registrations);
        return runProgram(ROOT, { teams });
      },
    });
    const metric = registrations.filter((r) => r.type === T.metricAlert);
    expect(metric.map((r) => r.replaceOnChanges)).toEqual(Array(3).fill(["environment", "resolveThreshold"]));
  });
});

describe("the metric alert vocabulary", () => {
  const ids = {
    teamId: (slug: string) => `team-${slug}`,
    userId: (email: string) => (email.startsWith("pending") ? "" : `user-${email}`),
  };

  it("notifies the team while a person's invitation is pending, each target once", () => {
    expect(
      metricAlertActions(
        [
          { kind: "team", teamSlug: "demo" },
          { kind: "member", email: "pending@beta.gouv.fr", fallbackTeamSlug: "demo" },
          { kind: "member", email: "lea@beta.gouv.fr", fallbackTeamSlug: "demo" },
        ],
        ids,
      ),
    ).toEqual([
      { type: "email", targetType: "team", targetIdentifier: "team-demo" },
      { type: "email", targetType: "user", targetIdentifier: "user-lea@beta.gouv.fr" },
    ]);
  });

  it.each(PERFORMANCE_METRICS)("%s round-trips between the file's form and Sentry's", (metric) => {
    const yaml = `name: D\nprojects:\n  - slug: d\n    performance:\n      - name: A\n        ${metric}: ${METRICS[metric].unit === "ms" ? "2.5s" : "97.5%"}\n        per: 1h\n`;
    const model = buildDesiredOrganization(validate({ "teams/d.yaml": yaml }).teams, prodPolicy);
    const alert = model.projects[0].performanceAlerts[0];
    expect(performanceOfMetricAlert({ ...alert, query: "" })).toEqual({ metric, per: "1h" });
    expect(writtenThreshold(metric, alert.alertThreshold)).toBe(METRICS[metric].unit === "ms" ? "2.5s" : "97.5%");
  });

  it.each([
    [
      { aggregate: "p75(transaction.duration)" },
      "its metric p75(transaction.duration) on transactions has no team-file form",
    ],
    [{ query: "transaction:/api" }, 'it filters events (query "transaction:/api")'],
    [{ thresholdType: 1 }, "it fires below its threshold, not the other way"],
    [{ timeWindow: 7 }, "its window of 7 minutes is not one team files have for p95"],
  ])("reports a live alert %j that team files cannot say", (change, reason) => {
    const live = {
      dataset: "transactions",
      aggregate: "p95(transaction.duration)",
      query: "",
      thresholdType: 0,
      timeWindow: 10,
      ...change,
    };
    expect(performanceOfMetricAlert(live)).toEqual({ reason });
  });

  it("describes a condition in the plan's words", () => {
    const alert = { metric: "p95", thresholdType: 0, alertThreshold: 2000, resolveThreshold: 800, timeWindow: 10 };
    expect(describePerformanceCondition(alert as DesiredPerformanceAlert, "fr")).toBe(
      "durée p95 > 2s sur 10 min, résolue sous 800ms",
    );
    const crash = { metric: "crashFreeSessions", thresholdType: 1, alertThreshold: 99, timeWindow: 60 };
    expect(describePerformanceCondition(crash as DesiredPerformanceAlert, "en")).toBe(
      "crash-free sessions < 99% over 60 min",
    );
  });
});

describe("access that ends", () => {
  const files = {
    "teams/demo.yaml": `name: Demo
members:
  - camille.martin
  - handle: lea.durand
    until: 2025-06-30
  - handle: noa.petit
    teamRole: admin
    until: 2025-07-20
projects:
  - slug: demo
    alerts:
      - name: A
        when: [new-issue]
        notify: [team, {member: lea.durand}]
    performance:
      - name: P
        p95: 2s
        per: 10m
        notify: [{member: lea.durand}]
`,
    "teams/other.yaml": "name: Other\nmembers: [lea.durand]\n",
  };

  it("leaves out the memberships whose day has come, keeps the rest with their end, and notifies the team instead", () => {
    const model = buildDesiredOrganization(validate(files).teams, prodPolicy, undefined, "2025-06-30");
    expect(model.members.map((m) => [m.email, m.teams])).toEqual([
      ["camille.martin@beta.gouv.fr", [{ teamSlug: "demo", role: "contributor" }]],
      ["lea.durand@beta.gouv.fr", [{ teamSlug: "other", role: "contributor" }]],
      ["noa.petit@beta.gouv.fr", [{ teamSlug: "demo", role: "admin", until: "2025-07-20" }]],
    ]);
    expect(model.endedMemberships).toEqual([
      { email: "lea.durand@beta.gouv.fr", handle: "lea.durand", teamSlug: "demo", until: "2025-06-30" },
    ]);
    expect(model.projects[0].alertRules[0].actions).toEqual([{ kind: "team", teamSlug: "demo" }]);
    expect(model.projects[0].performanceAlerts[0].targets).toEqual([{ kind: "team", teamSlug: "demo" }]);
    const dayBefore = buildDesiredOrganization(validate(files).teams, prodPolicy, undefined, "2025-06-29");
    expect(dayBefore.members.find((m) => m.handle === "lea.durand")!.teams.map((t) => t.teamSlug)).toEqual([
      "demo",
      "other",
    ]);
    expect(dayBefore.endedMemberships).toEqual([]);
  });

  it("the program no longer declares a person whose every membership ended", async () => {
    const { teams } = validate({ "teams/demo.yaml": files["teams/demo.yaml"] });
    const declaredOn = async (today: string) =>
      (
        await runUnderMocks({
          project: PULUMI_PROJECT,
          stack: "prod",
          config: readStackConfig("prod", ROOT),
          load: async () => runProgram(ROOT, { teams, today }),
        })
      ).resources
        .filter((r) => r.type === T.member)
        .map((r) => r.name);
    expect(await declaredOn("2025-06-29")).toEqual([
      "camille.martin@beta.gouv.fr",
      "lea.durand@beta.gouv.fr",
      "noa.petit@beta.gouv.fr",
    ]);
    expect(await declaredOn("2025-07-20")).toEqual(["camille.martin@beta.gouv.fr"]);
  });
});

describe("the plan summary", () => {
  const files = {
    "demo.yaml": `name: Demo
members:
  - camille.martin
  - handle: lea.durand
    until: 2025-06-30
  - handle: noa.petit
    until: 2025-07-30
  - handle: sacha.bernard
    until: 2025-07-31
projects:
  - slug: demo
    alerts: []
    performance:
      - name: "API *lente*"
        p95: 2s
        per: 10m
        environment: production
        notify: [team, {member: noa.petit}]
`,
  };

  it("shows each performance alert and who loses access within 30 days or already has, in French and English", async () => {
    const result = await planTeams({ dir: teamDir(files), stack: "prod", projectDir: ROOT, today: "2025-06-30" });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const markdown = planMarkdown(result.plan, { lang: "en" });
    expect(markdown).toContain(
      "| `demo` (demo) | — | — | **API \\*lente\\*** (performance): p95 duration > 2s over 10 min · env production · → team, noa\\.petit | scrubbing on",
    );
    expect(markdown).toContain("\nAccess ending within 30 days: noa\\.petit (30 July 2025)\n");
    expect(markdown).toContain(
      "\nAccess ended (no longer declared; remove them from the file): lea\\.durand (30 June 2025)\n",
    );
    const team = result.plan.model.teams[0];
    expect(accessLines(team, result.plan.model, "fr")).toEqual([
      "",
      "Accès se terminant dans les 30 jours : noa\\.petit (30 juillet 2025)",
      "",
      "Accès terminés (plus déclarés ; retirez-les du fichier) : lea\\.durand (30 juin 2025)",
    ]);
    expect(describePerformanceAlert(result.plan.model.projects[0].performanceAlerts[0], result.plan.model, "fr")).toBe(
      "**API \\*lente\\*** (performance) : durée p95 > 2s sur 10 min · environnement production · → équipe, noa\\.petit",
    );
  });
});
