// The community's rules, judged from plain measurements: one table of cases per rule.
import { describe, expect, it } from "vitest";
import type { MeasuredProject } from "../src/checklist/measurements";
import { evaluateProject, evaluateTeam, RULE_IDS, type RuleId, type Status } from "../src/checklist/rules";
import { daily, DAYS, healthyProject, organization } from "./helpers/checklist-data";

type Case = [string, Partial<MeasuredProject>, Status, RegExp];

function judge(rule: RuleId, overrides: Partial<MeasuredProject>, teams?: Record<string, number>) {
  const project = healthyProject(overrides);
  return evaluateProject(project, organization([project], teams)).find((r) => r.rule === rule)!;
}

describe("a project that follows every rule", () => {
  it("passes all of them, with no fix to suggest", () => {
    const results = evaluateProject(healthyProject(), organization([healthyProject()]));
    expect(results.map((r) => [r.rule, r.status])).toEqual(RULE_IDS.map((rule) => [rule, "ok"]));
    expect(results.filter((r) => r.fix)).toEqual([]);
  });
});

describe("alerts: an active rule reaches someone", () => {
  const rule = (targets: MeasuredProject["alertRules"][number]["targets"], active = true) => ({
    alertRules: [{ name: "R", active, targets }],
  });
  it.each<Case>([
    ["no rule at all", { alertRules: [] }, "fail", /aucune règle d'alerte/],
    ["the project's team, with accepted members", rule([{ kind: "team", teamId: "11" }]), "ok", /1 règle\(s\) sur 1/],
    [
      "the project's team, whose members are all pending invitations",
      { teamIds: ["11", "12"], ...rule([{ kind: "team", teamId: "12" }]) },
      "fail",
      /aucun membre ayant accepté son invitation/,
    ],
    ["a team that is not on the project", rule([{ kind: "team", teamId: "99" }]), "fail", /pas accès au projet/],
    ["a member with access", rule([{ kind: "member", userId: "501" }]), "ok", /préviennent/],
    ["a member who lost access", rule([{ kind: "member", userId: "777" }]), "fail", /n'a plus accès/],
    [
      "issue owners falling through to active members",
      rule([{ kind: "issue-owners", fallthrough: "ActiveMembers" }]),
      "ok",
      /préviennent/,
    ],
    ["issue owners with no fallthrough", rule([{ kind: "issue-owners", fallthrough: "NoOne" }]), "fail", /sans repli/],
    [
      "issue owners on a project nobody can see",
      { ...rule([{ kind: "issue-owners", fallthrough: "ActiveMembers" }]), usersWithAccess: [] },
      "fail",
      /personne n'a accès/,
    ],
    ["a Mattermost channel", rule([{ kind: "channel", service: "webhooks" }]), "ok", /préviennent/],
    ["a disabled rule", rule([{ kind: "team", teamId: "11" }], false), "fail", /désactivée ou en pause/],
    ["an unknown action", rule([{ kind: "other", id: "x.Action" }]), "fail", /x\.Action sans destinataire/],
    ["a rule with no action", rule([]), "fail", /ne notifie personne/],
  ])("%s", (_name, overrides, status, summary) => {
    const result = judge("alerts", overrides, { "11": 2, "12": 0 });
    expect(result.status).toBe(status);
    expect(result.summary.fr).toMatch(summary);
    expect(Boolean(result.fix)).toBe(status === "fail");
  });

  it("a team with only pending invitations is named as such", () => {
    const result = judge("alerts", { teamIds: ["11"], ...rule([{ kind: "team", teamId: "11" }]) }, { "11": 0 });
    expect(result.summary.fr).toMatch(/aucun membre ayant accepté son invitation/);
    expect(result.summary.en).toMatch(/no member who accepted the invitation/);
  });

  it("one reaching rule among silent ones is enough", () => {
    const result = judge("alerts", {
      alertRules: [
        { name: "A", active: false, targets: [{ kind: "team", teamId: "11" }] },
        { name: "B", active: true, targets: [{ kind: "member", userId: "502" }] },
      ],
    });
    expect([result.status, result.summary.en]).toEqual(["ok", "1 of 2 rule(s) notify someone"]);
  });
});

describe.each<["environment" | "release", "errorsWithoutEnvironment" | "errorsWithoutRelease"]>([
  ["environment", "errorsWithoutEnvironment"],
  ["release", "errorsWithoutRelease"],
])("%s on error events", (rule, field) => {
  it.each<[number, number, Status, string]>([
    [0, 200, "ok", "0 % des erreurs"],
    [1, 200, "ok", "0,5 % des erreurs"],
    [2, 200, "warn", "1 % des erreurs"],
    [99, 200, "warn", "50 % des erreurs"],
    [100, 200, "fail", "50 % des erreurs"],
    [200, 200, "fail", "100 % des erreurs"],
    [250, 200, "fail", "100 % des erreurs"],
    [0, 0, "na", "aucune erreur sur la période"],
  ])("%i missing of %i errors -> %s", (missing, errors, status, summary) => {
    const result = judge(rule, { [field]: missing, errorsPerDay: daily(errors) });
    expect(result.status).toBe(status);
    expect(result.summary.fr).toContain(summary);
    expect(Boolean(result.fix)).toBe(status === "warn" || status === "fail");
  });
});

describe("performance: transactions are sent", () => {
  it.each<Case>([
    ["transactions", {}, "ok", /1 000 transactions/],
    [
      "errors but no transaction",
      { transactions: { accepted: 0, rateLimited: 0, sampledOut: 0 }, transactionsPerDay: daily(0) },
      "warn",
      /pas de données de performance/,
    ],
    [
      "no event at all",
      {
        transactions: { accepted: 0, rateLimited: 0, sampledOut: 0 },
        transactionsPerDay: daily(0),
        errorsPerDay: daily(0),
      },
      "na",
      /aucun événement/,
    ],
  ])("%s", (_name, overrides, status, summary) => {
    const result = judge("performance", overrides);
    expect([result.status, result.summary.fr]).toEqual([status, expect.stringMatching(summary)]);
  });
});

describe("sampling: tracesSampleRate tuned for production", () => {
  const outcomes = (accepted: number, sampledOut: number, rateLimited = 0) => ({
    transactions: { accepted, rateLimited, sampledOut },
  });
  it.each<Case>([
    ["10% kept", outcomes(1000, 9000), "ok", /estimé 10 %/],
    ["20% kept (the limit)", outcomes(2000, 8000), "ok", /estimé 20 %/],
    ["25% kept", outcomes(2500, 7500), "warn", /estimé 25 %/],
    ["50% kept", outcomes(5000, 5000), "warn", /estimé 50 %/],
    ["60% kept", outcomes(6000, 4000), "fail", /estimé 60 %/],
    ["nothing dropped by the SDK", outcomes(1000, 0), "warn", /semble à 1/],
    ["1% dropped by rate limits", outcomes(990, 9000, 10), "fail", /1 % des transactions rejetées/],
    ["under 1% dropped by rate limits", outcomes(1000, 9000, 5), "ok", /estimé 10 %/],
    ["everything rate-limited", outcomes(0, 0, 50), "fail", /100 % des transactions rejetées/],
    ["no transaction", outcomes(0, 0), "na", /aucune transaction/],
  ])("%s", (_name, overrides, status, summary) => {
    const result = judge("sampling", overrides);
    expect([result.status, result.summary.fr]).toEqual([status, expect.stringMatching(summary)]);
    expect(Boolean(result.fix)).toBe(status === "warn" || status === "fail");
  });
});

describe("personal data despite scrubbing", () => {
  it.each<Case>([
    ["none", {}, "ok", /aucune adresse/],
    [
      "e-mails and IPs",
      { personalData: { events: 12, emails: 3, ipAddresses: 5 } },
      "fail",
      /12 erreur\(s\) avec des données personnelles malgré le masquage \(3 e-mail\(s\), 5 IP\)/,
    ],
    ["no error to look at", { errorsPerDay: daily(0) }, "na", /aucune erreur/],
  ])("%s", (_name, overrides, status, summary) => {
    const result = judge("personalData", overrides);
    expect([result.status, result.summary.fr]).toEqual([status, expect.stringMatching(summary)]);
  });
});

describe("activity: last event date", () => {
  const silent = { errorsPerDay: daily(0), transactionsPerDay: daily(0) };
  it.each<Case>([
    ["an event today", {}, "ok", new RegExp(`dernier événement le ${DAYS[29]}`)],
    [
      "the last event 20 days ago",
      { errorsPerDay: daily(3, 9), transactionsPerDay: daily(0) },
      "ok",
      new RegExp(DAYS[9]),
    ],
    ["only transactions", { errorsPerDay: daily(0), transactionsPerDay: daily(5, 4) }, "ok", new RegExp(DAYS[4])],
    ["dormant", silent, "warn", /en sommeil : aucun événement depuis 30 jours \(premier événement le 2025-06-02\)/],
    [
      "never an event, created long ago",
      { ...silent, firstEvent: null },
      "fail",
      /depuis la création du projet le 2025-06-01/,
    ],
    [
      "never an event, created three days ago",
      { ...silent, firstEvent: null, dateCreated: "2026-03-28T09:00:00Z" },
      "na",
      /créé récemment/,
    ],
  ])("%s", (_name, overrides, status, summary) => {
    const result = judge("activity", overrides);
    expect([result.status, result.summary.fr]).toEqual([status, expect.stringMatching(summary)]);
  });
});

describe("a startup's line: the worst of its projects, per rule", () => {
  const front = healthyProject({ slug: "a-front" });
  const api = healthyProject({ slug: "a-api", errorsWithoutRelease: 150, errorsPerDay: daily(200) });
  const measurements = organization([front, api]);

  it("takes the worst status per rule and names the projects behind it", () => {
    const verdict = evaluateTeam(["a-front", "a-api"], measurements);
    expect(verdict.status).toBe("fail");
    expect(verdict.rules.find((r) => r.rule === "release")).toEqual({
      rule: "release",
      status: "fail",
      projects: ["a-api"],
    });
    expect(verdict.rules.find((r) => r.rule === "alerts")).toEqual({
      rule: "alerts",
      status: "ok",
      projects: ["a-front", "a-api"],
    });
  });

  it("marks a declared project that Sentry lacks, without judging it", () => {
    const verdict = evaluateTeam(["a-front", "a-new"], measurements);
    expect(verdict.projects[1]).toMatchObject({ slug: "a-new", inSentry: false, status: "na" });
    expect(verdict.projects[1].results.every((r) => r.status === "na" && /absent de Sentry/.test(r.summary.fr))).toBe(
      true,
    );
    expect(verdict.status).toBe("ok");
  });

  it("a team without projects has nothing to judge", () => {
    expect(evaluateTeam([], measurements)).toMatchObject({ status: "na", projects: [] });
  });
});
