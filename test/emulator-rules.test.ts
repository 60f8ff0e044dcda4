// The emulator validates and stores issue alert rules as Sentry does (routes/rules.ts cites each
// source): node validation, targets that must belong to the project, the Webhooks plugin, what is
// stored for values sent as strings, the duplicate-rule semantics, and an update without environment.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, TOKENS } from "./helpers/emulator-http";

const FIRST_SEEN = { id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" };
const REGRESSION = { id: "sentry.rules.conditions.regression_event.RegressionEventCondition" };
const FREQUENCY = "sentry.rules.conditions.event_frequency.EventFrequencyCondition";
const EMAIL = "sentry.mail.actions.NotifyEmailAction";
const SERVICE = "sentry.rules.actions.notify_event_service.NotifyEventServiceAction";
const OWNERS = { id: EMAIL, targetType: "IssueOwners", fallthroughType: "ActiveMembers" };

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});
async function setup() {
  const env = await startEmulator();
  stop = () => env.emulator.close();
  const alpha = env.state.createTeam("alpha", "Alpha");
  const other = env.state.createTeam("other", "Other");
  const project = env.state.createProject(alpha, "front", "Front", "javascript", false);
  project.environments.add("production");
  const inTeam = env.state.createMember("lea@beta.gouv.fr", "member");
  env.state.acceptInvitation(inTeam);
  inTeam.teamRoles.set(alpha.id, null);
  const outside = env.state.createMember("noa@beta.gouv.fr", "member");
  env.state.acceptInvitation(outside);
  outside.teamRoles.set(other.id, null);
  const post = (body: Record<string, unknown>) =>
    env.call(TOKENS.owner, "POST", "projects/betagouv/front/rules/", body);
  return { ...env, alpha, other, project, inTeam, outside, post };
}
const rule = (overrides: Record<string, unknown> = {}) => ({
  name: "R",
  actionMatch: "any",
  filterMatch: "all",
  frequency: 30,
  conditions: [FIRST_SEEN],
  actions: [OWNERS],
  ...overrides,
});

describe("rule validation", () => {
  type Env = Awaited<ReturnType<typeof setup>>;
  it.each<[string, (env: Env) => Record<string, unknown>, Record<string, string[]>]>([
    [
      "an unknown node",
      () => rule({ actions: [{ id: "x.Nope" }] }),
      { actions: ["Invalid node. Could not find 'x.Nope'"] },
    ],
    ["a node without id", () => rule({ conditions: [{}] }), { conditions: ["Missing attribute 'id'"] }],
    [
      "a frequency condition with a bad interval",
      () => rule({ conditions: [{ id: FREQUENCY, value: "10", interval: "2h" }] }),
      { conditions: ["Select a valid choice. 2h is not one of the available choices."] },
    ],
    [
      "a frequency condition without value",
      () => rule({ conditions: [{ id: FREQUENCY, interval: "1h" }] }),
      { conditions: ["Ensure all required fields are filled in."] },
    ],
    [
      "a Team target that is not a team of the project",
      (env) => rule({ actions: [{ id: EMAIL, targetType: "Team", targetIdentifier: env.other.id }] }),
      { actions: ["This team is not part of the project."] },
    ],
    [
      "a Member target in no team of the project",
      (env) => rule({ actions: [{ id: EMAIL, targetType: "Member", targetIdentifier: env.outside.userId }] }),
      { actions: ["This user is not part of the project."] },
    ],
    [
      "a Member target without identifier",
      () => rule({ actions: [{ id: EMAIL, targetType: "Member" }] }),
      { actions: ["You need to specify a Team or Member."] },
    ],
    [
      "a Webhooks action while the plugin is not enabled",
      () => rule({ actions: [{ id: SERVICE, service: "webhooks" }] }),
      { actions: ["Select a valid choice. webhooks is not one of the available choices."] },
    ],
    [
      "an environment without events",
      () => rule({ environment: "staging" }),
      { environment: ["This environment has not been created."] },
    ],
    [
      "a name over 256 characters",
      () => rule({ name: "é".repeat(257) }),
      { name: ["Ensure this field has no more than 256 characters."] },
    ],
    [
      "a frequency under 5 minutes",
      () => rule({ frequency: 1 }),
      { frequency: ["Ensure this value is greater than or equal to 5."] },
    ],
    ["no actionMatch", () => rule({ actionMatch: undefined }), { actionMatch: ["This field is required."] }],
    [
      "filters without filterMatch",
      () =>
        rule({ filterMatch: undefined, filters: [{ id: "sentry.rules.filters.latest_release.LatestReleaseFilter" }] }),
      { filterMatch: ["Must select a filter match (all, any, none) if filters are supplied."] },
    ],
    ["no action", () => rule({ actions: [] }), { actions: ["You must add an action for this alert to fire."] }],
  ])("refuses %s", async (_label, body, answer) => {
    const env = await setup();
    const response = await env.post(body(env));
    expect(response.status).toBe(400);
    expect(response.body).toEqual(answer);
  });

  it.each<[string, (env: Env) => Record<string, unknown>]>([
    [
      "a Team target of the project",
      (env) => rule({ actions: [{ id: EMAIL, targetType: "Team", targetIdentifier: env.alpha.id }] }),
    ],
    [
      "a Member target in a team of the project",
      (env) => rule({ actions: [{ id: EMAIL, targetType: "Member", targetIdentifier: env.inTeam.userId }] }),
    ],
    ["an environment that had events", () => rule({ environment: "production" })],
  ])("accepts %s", async (_label, body) => {
    const env = await setup();
    expect((await env.post(body(env))).status).toBe(200);
  });

  it("accepts a Webhooks action once the plugin is enabled on the project", async () => {
    const env = await setup();
    expect((await env.call(TOKENS.owner, "POST", "projects/betagouv/front/plugins/webhooks/")).status).toBe(201);
    expect((await env.post(rule({ actions: [{ id: SERVICE, service: "webhooks" }] }))).status).toBe(200);
  });
});

describe("what Sentry stores for node values sent as strings", () => {
  it("stores the form's cleaned values: integers for counts and targets, and drops node names", async () => {
    const env = await setup();
    const response = await env.post(
      rule({
        conditions: [{ id: FREQUENCY, value: "100", interval: "1h", comparisonType: "count", name: "label" }],
        actions: [{ id: EMAIL, targetType: "Team", targetIdentifier: env.alpha.id }, OWNERS],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      conditions: [{ id: FREQUENCY, value: 100, interval: "1h", comparisonType: "count" }],
      actions: [
        { id: EMAIL, targetType: "Team", targetIdentifier: Number(env.alpha.id) },
        { ...OWNERS, targetIdentifier: "" },
      ],
    });
    expect((response.body as { conditions: object[] }).conditions[0]).not.toHaveProperty("name");
  });
});

describe("duplicate rules (DuplicateRuleEvaluator)", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, boolean]>([
    ["another name, same body", rule({ name: "A" }), rule({ name: "B" }), true],
    ["another frequency", rule(), rule({ frequency: 60 }), false],
    ["another condition", rule(), rule({ conditions: [REGRESSION] }), false],
    [
      "the same conditions in another order",
      rule({ conditions: [FIRST_SEEN, REGRESSION] }),
      rule({ conditions: [REGRESSION, FIRST_SEEN] }),
      false,
    ],
    ["an environment on one rule only", rule(), rule({ environment: "production" }), false],
    ["the same environment", rule({ environment: "production" }), rule({ environment: "production", name: "B" }), true],
    [
      "no conditions on one rule: the field is not compared",
      rule({ conditions: [] }),
      rule({ conditions: [REGRESSION] }),
      true,
    ],
    [
      "filterMatch sent by one rule only: not compared",
      rule({ filterMatch: undefined }),
      rule({ filterMatch: "any" }),
      true,
    ],
    ["another actionMatch", rule(), rule({ actionMatch: "all" }), false],
    [
      "the same node with its keys in another order",
      rule({ conditions: [{ id: FREQUENCY, value: 10, interval: "1h" }] }),
      rule({ name: "B", conditions: [{ interval: "1h", value: "10", id: FREQUENCY }] }),
      true,
    ],
  ])("%s: duplicate = %s", async (_label, first, second, duplicate) => {
    const env = await setup();
    const created = await env.post(first);
    expect(created.status).toBe(200);
    const response = await env.post(second);
    if (!duplicate) return expect(response.status).toBe(200);
    expect(response).toMatchObject({
      status: 400,
      body: {
        name: [
          `This rule is an exact duplicate of '${(created.body as { name: string }).name}' in this project and may not be created.`,
        ],
        ruleId: [Number((created.body as { id: string }).id)],
      },
    });
  });

  it("checks an update against the other rules, not itself", async () => {
    const env = await setup();
    const a = (await env.post(rule({ name: "A" }))).body as { id: string };
    const b = (await env.post(rule({ name: "B", frequency: 60 }))).body as { id: string };
    expect(
      (await env.call(TOKENS.owner, "PUT", `projects/betagouv/front/rules/${a.id}/`, rule({ name: "A2" }))).status,
    ).toBe(200);
    expect(
      (await env.call(TOKENS.owner, "PUT", `projects/betagouv/front/rules/${b.id}/`, rule({ name: "B" }))).status,
    ).toBe(400);
  });
});

describe("an update replaces the whole rule", () => {
  it("clears the environment when the PUT carries none", async () => {
    const env = await setup();
    const created = (await env.post(rule({ environment: "production" }))).body as { id: string; environment: string };
    expect(created.environment).toBe("production");
    const updated = await env.call(TOKENS.owner, "PUT", `projects/betagouv/front/rules/${created.id}/`, rule());
    expect(updated.body).toMatchObject({ environment: null });
  });
});
