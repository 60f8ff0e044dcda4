// The translation table from friendly alert rules to Sentry's rule ids.
import { describe, expect, it } from "vitest";
import {
  conditionNode,
  desiredAlertRules,
  resolveActions,
  ruleAction,
  type RuleAction,
} from "../src/model/alert-rules";
import type { TeamFileNotify, TeamFileWhen } from "../src/team-file/schema";

const context = { teamSlug: "demo", emailOfHandle: (h: string) => `${h}@beta.gouv.fr` };
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
    expect(resolveActions([ruleAction(notify, context)], ids)).toEqual([node]);
  });

  it("notifies the team instead of a member whose invitation is pending, without duplicating the team", () => {
    const actions: RuleAction[] = [ruleAction("team", context), ruleAction({ member: "pending.person" }, context)];
    expect(resolveActions(actions, ids)).toEqual([
      { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "team-id-of-demo" },
    ]);
  });
});

describe("rules", () => {
  it("absent alerts -> exactly one default rule: new issue or regression to the team", () => {
    const rules = desiredAlertRules(undefined, "30m", context);
    expect(rules).toEqual([
      {
        name: "Nouvelle erreur ou régression",
        isDefault: true,
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
    expect(desiredAlertRules([], "30m", context)).toEqual([]);
  });

  it.each([
    ["5m", 5],
    ["2h", 120],
    ["30d", 43200],
    [undefined, 15],
  ])("every %s -> frequency %i minutes (stack default 15m)", (every, minutes) => {
    const [rule] = desiredAlertRules([{ name: "A", when: ["new-issue"], ...(every ? { every } : {}) }], "15m", context);
    expect(rule.frequency).toBe(minutes);
  });

  it("notify defaults to the team; duplicates collapse; environment is kept", () => {
    const [rule] = desiredAlertRules(
      [{ name: "A", when: ["new-issue"], environment: "production", notify: ["team", "team"] }],
      "30m",
      context,
    );
    expect(rule.actions).toEqual([{ kind: "team", teamSlug: "demo" }]);
    expect(rule.environment).toBe("production");
    const [implicit] = desiredAlertRules([{ name: "B", when: ["regression"] }], "30m", context);
    expect(implicit.actions).toEqual([{ kind: "team", teamSlug: "demo" }]);
    expect(implicit).not.toHaveProperty("environment");
  });
});
