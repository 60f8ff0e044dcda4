// The translation table from friendly alert rules to Sentry's rule ids.
import { describe, expect, it } from "vitest";
import {
  conditionNode,
  describeAction,
  describeCondition,
  desiredAlertRules,
  notifyOfAction,
  resolveActions,
  ruleAction,
  sentryRuleFields,
  whenOfCondition,
  type RuleAction,
} from "../src/model/alert-rules";
import { alertBodyKey } from "../src/team-file/alert-body";
import { resolveTeam } from "../src/team-file/resolve";
import type { TeamFileAlert, TeamFileNotify, TeamFileWhen } from "../src/team-file/schema";
import { prodPolicy } from "./helpers/team-files";

/** The managed rules of one project of team "demo", resolved as the validator does. */
function rulesOf(alerts: TeamFileAlert[] | undefined, every: string) {
  const policy = { ...prodPolicy, defaults: { ...prodPolicy.defaults, alertEvery: every } };
  const resolved = resolveTeam(
    "demo",
    { name: "Demo", projects: [{ slug: "p", ...(alerts ? { alerts } : {}) }] },
    policy,
  );
  return desiredAlertRules(alerts, resolved.projects[0].alerts, every, "demo");
}
const action = (notify: TeamFileNotify) =>
  ruleAction(
    notify,
    "demo",
    typeof notify === "object" && "member" in notify ? `${notify.member}@beta.gouv.fr` : undefined,
  );
const ids = {
  teamId: (slug: string) => `team-id-of-${slug}`,
  userId: (email: string) => (email.startsWith("pending") ? "" : `user-id-of-${email}`),
};

describe("when -> conditions", () => {
  it.each<[TeamFileWhen, Record<string, string>]>([
    ["new-issue", { id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
    ["regression", { id: "sentry.rules.conditions.regression_event.RegressionEventCondition" }],
    ["reappeared", { id: "sentry.rules.conditions.reappeared_event.ReappearedEventCondition" }],
    [
      { events: 100, per: "1h" },
      {
        id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
        value: "100",
        interval: "1h",
        comparisonType: "count",
      },
    ],
    [
      { users: 5, per: "30d" },
      {
        id: "sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition",
        value: "5",
        interval: "30d",
        comparisonType: "count",
      },
    ],
  ])("%j", (when, node) => {
    expect(conditionNode(when)).toEqual(node);
  });
});

describe("notify -> actions", () => {
  it.each<[TeamFileNotify, Record<string, string>]>([
    ["team", { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "team-id-of-demo" }],
    [
      "issue-owners",
      { id: "sentry.mail.actions.NotifyEmailAction", targetType: "IssueOwners", fallthroughType: "ActiveMembers" },
    ],
    [
      { member: "lea.durand" },
      {
        id: "sentry.mail.actions.NotifyEmailAction",
        targetType: "Member",
        targetIdentifier: "user-id-of-lea.durand@beta.gouv.fr",
      },
    ],
    [
      { mattermost: "demo-sentry" },
      { id: "sentry.rules.actions.notify_event_service.NotifyEventServiceAction", service: "webhooks" },
    ],
  ])("%j", (notify, node) => {
    expect(resolveActions([action(notify)], ids)).toEqual([node]);
  });

  it("notifies the team instead of a member whose invitation is pending, without duplicating the team", () => {
    const actions: RuleAction[] = [action("team"), action({ member: "pending.person" })];
    expect(resolveActions(actions, ids)).toEqual([
      { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "team-id-of-demo" },
    ]);
  });
});

describe("rules", () => {
  it("absent alerts -> exactly one default rule: new issue or regression to the team", () => {
    const rules = rulesOf(undefined, "30m");
    expect(rules).toEqual([
      {
        name: "Nouvelle erreur ou régression",
        isDefault: true,
        bodyKey: alertBodyKey({ when: ["new-issue", "regression"], notify: ["team"] }, "30m"),
        actionMatch: "any",
        filterMatch: "all",
        frequency: 30,
        conditions: [
          { id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" },
          { id: "sentry.rules.conditions.regression_event.RegressionEventCondition" },
        ],
        actions: [{ kind: "team", teamSlug: "demo" }],
      },
    ]);
  });

  it("[] -> no rule", () => {
    expect(rulesOf([], "30m")).toEqual([]);
  });

  it.each([
    ["5m", 5],
    ["2h", 120],
    ["30d", 43200],
    [undefined, 15],
  ])("every %s -> frequency %i minutes (stack default 15m)", (every, minutes) => {
    const [rule] = rulesOf([{ name: "A", when: ["new-issue"], ...(every ? { every } : {}) }], "15m");
    expect(rule.frequency).toBe(minutes);
  });

  it("notify defaults to the team; duplicates collapse; environment is kept", () => {
    const [rule] = rulesOf(
      [{ name: "A", when: ["new-issue"], environment: "production", notify: ["team", "team"] }],
      "30m",
    );
    expect(rule.actions).toEqual([{ kind: "team", teamSlug: "demo" }]);
    expect(rule.environment).toBe("production");
    const [implicit] = rulesOf([{ name: "B", when: ["regression"] }], "30m");
    expect(implicit.actions).toEqual([{ kind: "team", teamSlug: "demo" }]);
    expect(implicit).not.toHaveProperty("environment");
  });
});

describe("one vocabulary, both directions, and the plan's words", () => {
  const live = {
    teamId: "team-id-of-demo",
    handleOfUser: new Map([["user-id-of-lea.durand@beta.gouv.fr", "lea.durand"]]),
  };

  it.each<[TeamFileWhen, string, string]>([
    ["new-issue", "new issue", "nouveau problème"],
    ["regression", "regression", "régression"],
    ["reappeared", "reappeared", "réapparition"],
    [{ events: 1000, per: "1h" }, "more than 1,000 events per 1h", "plus de 1 000 événements par 1h"],
    [{ users: 5, per: "30d" }, "more than 5 users per 30d", "plus de 5 utilisateurs par 30d"],
  ])("when %j -> Sentry -> back, said %j / %j", (when, en, fr) => {
    const node = conditionNode(when);
    expect(whenOfCondition(node)).toEqual(when);
    expect(describeCondition(node, "en")).toBe(en);
    expect(describeCondition(node, "fr")).toBe(fr);
  });

  it.each<[TeamFileNotify, TeamFileNotify | "webhooks", string, string]>([
    ["team", "team", "team", "équipe"],
    ["issue-owners", "issue-owners", "issue owners", "responsables du problème"],
    [{ member: "lea.durand" }, { member: "lea.durand" }, "lea.durand", "lea.durand"],
    [{ mattermost: "demo-sentry" }, "webhooks", "Mattermost demo-sentry", "Mattermost demo-sentry"],
  ])("notify %j -> Sentry -> back as %j, said %j / %j", (notify, back, en, fr) => {
    const ruleActionOf = action(notify);
    const [node] = resolveActions([ruleActionOf], ids);
    expect(notifyOfAction(node, live)).toEqual(back);
    const handleOf = (email: string) => email.split("@")[0];
    expect(describeAction(ruleActionOf, handleOf, ["demo-sentry"], "en")).toBe(en);
    expect(describeAction(ruleActionOf, handleOf, ["demo-sentry"], "fr")).toBe(fr);
  });

  it.each([
    [{ id: "sentry.rules.conditions.event_frequency.EventFrequencyPercentCondition", value: "5", interval: "1h" }],
    [{ id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition", value: "5", interval: "2h" }],
    [
      {
        id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
        value: "5",
        interval: "1h",
        comparisonType: "percent",
      },
    ],
  ])("conditions team files cannot say come back with a reason: %j", (node) => {
    expect(whenOfCondition(node)).toHaveProperty("reason");
  });

  it("actions for another team or an unknown user come back with a reason", () => {
    expect(
      notifyOfAction({ id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "9" }, live),
    ).toHaveProperty("reason");
    expect(
      notifyOfAction(
        { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Member", targetIdentifier: "9" },
        live,
      ),
    ).toHaveProperty("reason");
  });
});

describe("a rule's body key: everything Sentry compares, not the name", () => {
  const base: TeamFileAlert = {
    name: "A",
    when: ["new-issue", { events: 10, per: "1h" }],
    notify: ["team"],
    environment: "production",
    every: "1h",
  };
  const key = (alert: TeamFileAlert) => alertBodyKey(alert, "30m");

  it.each<[string, Partial<TeamFileAlert>]>([
    ["a new name", { name: "B" }],
    ["the team notified twice", { notify: ["team", "team"] }],
    ["notify left to its default", { notify: undefined }],
    ["keys written in another order", { when: ["new-issue", { per: "1h", events: 10 } as TeamFileWhen] }],
    ["every written in other units", { every: "60m" }],
  ])("is unchanged by %s", (_label, change) => {
    expect(key({ ...base, ...change })).toBe(key(base));
  });

  it.each<[string, Partial<TeamFileAlert>]>([
    ["another trigger", { when: ["new-issue"] }],
    ["triggers in another order (Sentry compares lists)", { when: [{ events: 10, per: "1h" }, "new-issue"] }],
    ["another target", { notify: ["issue-owners"] }],
    ["no environment", { environment: undefined }],
    ["another every", { every: "2h" }],
  ])("changes with %s", (_label, change) => {
    expect(key({ ...base, ...change })).not.toBe(key(base));
  });

  it("resolves a missing every with the stack's default", () => {
    expect(alertBodyKey({ when: ["regression"] }, "30m")).toBe(
      alertBodyKey({ when: ["regression"], every: "30m" }, "1h"),
    );
  });

  it('always sends environment, "" when the rule has none, so that removing it reaches Sentry', () => {
    const [withEnvironment, without] = rulesOf(
      [
        { name: "A", when: ["new-issue"], environment: "production" },
        { name: "B", when: ["regression"] },
      ],
      "30m",
    );
    expect(sentryRuleFields(withEnvironment).environment).toBe("production");
    expect(sentryRuleFields(without).environment).toBe("");
  });
});
