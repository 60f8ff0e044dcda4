// The dynamic providers' create/update/delete/read make the right calls. Sentry is stood in by a
// small in-test fetch double here; test/dynamic-providers-emulator.test.ts runs them against the
// emulator, test/dynamic-providers-host.test.ts from the text the engine stores.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberUserProvider } from "../src/pulumi/dynamic/member-user";
import { isSentryDefaultRule, projectDefaultsProvider } from "../src/pulumi/dynamic/project-defaults";
import { memberTeamRolesProvider } from "../src/pulumi/dynamic/member-team-roles";
import { teamDefaultsProvider } from "../src/pulumi/dynamic/team-defaults";

const TOKEN = "sntryu_dynamic-provider-test-token";
const BASE = "https://sentry.example.test/api/";

interface Call {
  method: string;
  path: string;
  body?: unknown;
  authorization: string | null;
}

/** Answers by "METHOD path" (path after /api/0/); records every call. */
function fakeSentry(routes: Record<string, (body: unknown) => { status: number; body?: unknown }>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (input: string | URL, init?: RequestInit) => {
    const path = String(input).replace(`${BASE}0/`, "");
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({
      method: init?.method ?? "GET",
      path,
      body,
      authorization: new Headers(init?.headers).get("authorization"),
    });
    const route = routes[`${init?.method ?? "GET"} ${path}`];
    const answer = route ? route(body) : { status: 404, body: { detail: "The requested resource does not exist" } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  return calls;
}

const realFetch = globalThis.fetch;
beforeEach(() => {
  process.env.SENTRY_AUTH_TOKEN = TOKEN;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  delete process.env.SENTRY_AUTH_TOKEN;
});

const keyOf = (id: string, name: string, dateCreated: string) => ({
  id,
  name,
  projectId: 42,
  isActive: true,
  dateCreated,
  dsn: { public: `https://${id}@sentry.example.test/42`, secret: `https://${id}:s@sentry.example.test/42` },
  rateLimit: null,
});
const ruleOf = (id: string, name: string, conditions: { id: string }[], filters: { id: string }[] = []) => ({
  id,
  name,
  actionMatch: "any",
  filterMatch: "all",
  frequency: 30,
  environment: null,
  conditions,
  filters,
  actions: [{ id: "sentry.mail.actions.NotifyEmailAction", targetType: "IssueOwners" }],
  projects: ["demo"],
  dateCreated: "2026-01-01T00:00:00Z",
});
const memberOf = (user: { id: string } | null, teamRoles: { teamSlug: string; role: string | null }[] = []) => ({
  id: "17",
  email: "lea@beta.gouv.fr",
  user: user && { ...user, email: "lea@beta.gouv.fr" },
  orgRole: "member",
  pending: user === null,
  expired: false,
  dateCreated: "2026-01-01T00:00:00Z",
  teams: teamRoles.map((t) => t.teamSlug),
  teamRoles,
});
const FIRST_SEEN = { id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" };

describe("ProjectDefaults", () => {
  const inputs = {
    baseUrl: BASE,
    organization: "betagouv",
    project: "demo",
    rateLimitCount: 600,
    rateLimitWindow: 60,
    rateLimitIsOverride: false,
    adopted: false,
  };
  const STACK = { count: 600, window: 60 };
  /** A key whose PUT answers what it was sent. */
  const keyRoutes = (live: { count: number; window: number } | null) => ({
    "GET projects/betagouv/demo/keys/": () => ({
      status: 200,
      body: [{ ...keyOf("aaa", "Default", "2026-01-01T00:00:00Z"), rateLimit: live }],
    }),
    "PUT projects/betagouv/demo/keys/aaa/": (body: unknown) => ({
      status: 200,
      body: {
        ...keyOf("aaa", "Default", "2026-01-01T00:00:00Z"),
        rateLimit: (body as { rateLimit: unknown }).rateLimit,
      },
    }),
  });
  const outputsOf = (over: Record<string, unknown> = {}) => ({
    ...inputs,
    keyId: "aaa",
    dsnPublic: "https://aaa@sentry.example.test/42",
    removedRuleIds: [],
    keptRateLimit: null,
    appliedRateLimit: STACK,
    ...over,
  });

  it("adopts the Default key (not a newer one), sets the rate limit, and removes only Sentry's default rule", async () => {
    const calls = fakeSentry({
      "GET projects/betagouv/demo/keys/": () => ({
        status: 200,
        body: [keyOf("bbb", "Second", "2026-02-01T00:00:00Z"), keyOf("aaa", "Default", "2026-01-01T00:00:00Z")],
      }),
      "PUT projects/betagouv/demo/keys/aaa/": (body) => ({
        status: 200,
        body: {
          ...keyOf("aaa", "Default", "2026-01-01T00:00:00Z"),
          rateLimit: (body as { rateLimit: unknown }).rateLimit,
        },
      }),
      "GET projects/betagouv/demo/rules/": () => ({
        status: 200,
        body: [
          ruleOf("1", "Send a notification for new issues", [FIRST_SEEN]),
          ruleOf("2", "Mon alerte", [FIRST_SEEN]),
        ],
      }),
      "DELETE projects/betagouv/demo/rules/1/": () => ({ status: 202 }),
    });
    const result = await projectDefaultsProvider.create(inputs);
    expect(result).toEqual({ id: "betagouv/demo/defaults", outs: outputsOf({ removedRuleIds: ["1"] }) });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET projects/betagouv/demo/rules/",
      "DELETE projects/betagouv/demo/rules/1/",
      "GET projects/betagouv/demo/keys/",
      "PUT projects/betagouv/demo/keys/aaa/",
    ]);
    expect(calls[3].body).toEqual({ rateLimit: STACK });
    expect(calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("on adoption keeps the live rules and adopts the key", async () => {
    const calls = fakeSentry(keyRoutes(null));
    expect((await projectDefaultsProvider.create({ ...inputs, adopted: true })).outs?.removedRuleIds).toEqual([]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET projects/betagouv/demo/keys/",
      "PUT projects/betagouv/demo/keys/aaa/",
    ]);
  });

  it.each<[string, Partial<typeof inputs>, { count: number; window: number } | null, object, object | null]>([
    [
      "an adopted busy key keeps its higher limit",
      { adopted: true },
      { count: 5000, window: 60 },
      { count: 5000, window: 60 },
      { count: 5000, window: 60 },
    ],
    ["an adopted key without limit gets the stack's", { adopted: true }, null, STACK, null],
    ["an adopted key with a lower limit gets the stack's", { adopted: true }, { count: 10, window: 60 }, STACK, null],
    [
      "an override applies as is, even lower",
      { adopted: true, rateLimitIsOverride: true, rateLimitCount: 100 },
      { count: 5000, window: 60 },
      { count: 100, window: 60 },
      null,
    ],
    ["a new project's key gets the stack's", {}, { count: 5000, window: 60 }, STACK, null],
  ])("%s", async (_label, change, live, applied, kept) => {
    const calls = fakeSentry({
      ...keyRoutes(live),
      "GET projects/betagouv/demo/rules/": () => ({ status: 200, body: [] }),
    });
    const { outs } = await projectDefaultsProvider.create({ ...inputs, ...change });
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({ rateLimit: applied });
    expect([outs!.appliedRateLimit, outs!.keptRateLimit]).toEqual([applied, kept]);
  });

  it("keeps a kept limit through later updates until an override says otherwise", async () => {
    const kept = { count: 5000, window: 60 };
    const olds = outputsOf({ adopted: true, keptRateLimit: kept, appliedRateLimit: kept });
    const calls = fakeSentry(keyRoutes(kept));
    expect(await projectDefaultsProvider.diff!("id", olds, { ...inputs })).toEqual({ changes: false, replaces: [] });
    const overridden = { ...inputs, rateLimitIsOverride: true, rateLimitCount: 1000 };
    expect((await projectDefaultsProvider.diff!("id", olds, overridden)).changes).toBe(true);
    const { outs } = await projectDefaultsProvider.update!("id", olds, overridden);
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({ rateLimit: { count: 1000, window: 60 } });
    expect(outs!.keptRateLimit).toBeNull();
  });

  it("a limit changed by hand in Sentry shows in a refresh, and the next update sets it back", async () => {
    fakeSentry({
      "GET projects/betagouv/demo/keys/aaa/": () => ({
        status: 200,
        body: { ...keyOf("aaa", "Default", "2026-01-01T00:00:00Z"), rateLimit: { count: 1, window: 60 } },
      }),
    });
    const { props } = await projectDefaultsProvider.read!("id", outputsOf());
    expect(props!.appliedRateLimit).toEqual({ count: 1, window: 60 });
    expect((await projectDefaultsProvider.diff!("id", props as never, inputs)).changes).toBe(true);
  });

  it("never causes a change through its creation-only input", async () => {
    expect(await projectDefaultsProvider.diff!("id", outputsOf(), { ...inputs, adopted: true })).toEqual({
      changes: false,
      replaces: [],
    });
  });

  it("does not touch rules of adopted projects, and updates only re-apply the key", async () => {
    const calls = fakeSentry(keyRoutes(null));
    await projectDefaultsProvider.create({ ...inputs, adopted: true });
    await projectDefaultsProvider.update!("id", outputsOf({ removedRuleIds: ["1"] }), {
      ...inputs,
      rateLimitCount: 100,
    });
    expect(calls.map((c) => c.method + " " + c.path)).not.toContain("GET projects/betagouv/demo/rules/");
  });

  it.each([
    [{ rateLimitCount: 100 }, { changes: true, replaces: [] }],
    [{ project: "other" }, { changes: true, replaces: ["project"] }],
    [{}, { changes: false, replaces: [] }],
  ])("diff %j", async (change, expected) => {
    expect(await projectDefaultsProvider.diff!("id", outputsOf(), { ...inputs, ...change })).toEqual(expected);
  });

  it("deletes nothing (the key goes with its retained project)", async () => {
    const calls = fakeSentry({});
    await projectDefaultsProvider.delete!("id", outputsOf());
    expect(calls).toEqual([]);
  });

  it.each([
    [
      "Sentry's classic default",
      {
        name: "Send a notification for new issues",
        conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
      },
      true,
    ],
    [
      "Sentry's high-priority default",
      {
        name: "Send a notification for high priority issues",
        conditions: [
          { id: "sentry.rules.conditions.high_priority_issue.NewHighPriorityIssueCondition" },
          { id: "sentry.rules.conditions.high_priority_issue.ExistingHighPriorityIssueCondition" },
        ],
      },
      true,
    ],
    [
      "same name, other condition",
      {
        name: "Send a notification for new issues",
        conditions: [{ id: "sentry.rules.conditions.regression_event.RegressionEventCondition" }],
      },
      false,
    ],
    [
      "same shape, a team's name",
      {
        name: "Nouvelles erreurs",
        conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
      },
      false,
    ],
    [
      "default plus a filter",
      {
        name: "Send a notification for new issues",
        conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
        filters: [{ id: "x" }],
      },
      false,
    ],
  ])("recognises %s: %s", (_label, rule, expected) => {
    expect(isSentryDefaultRule({ filters: [], ...rule })).toBe(expected);
  });
});

describe("MemberUser", () => {
  const inputs = { baseUrl: BASE, organization: "betagouv", memberId: "17" };

  it.each([
    [{ user: { id: "99" } }, "99"],
    [{ user: null }, ""],
  ])("member %j -> user id %j", async (member, userId) => {
    fakeSentry({ "GET organizations/betagouv/members/17/": () => ({ status: 200, body: memberOf(member.user) }) });
    expect((await memberUserProvider.create(inputs)).outs).toEqual({ ...inputs, userId });
  });

  it("asks Sentry again while the invitation is pending, and changes once the person joined", async () => {
    fakeSentry({ "GET organizations/betagouv/members/17/": () => ({ status: 200, body: memberOf({ id: "99" }) }) });
    expect(await memberUserProvider.diff!("id", { ...inputs, userId: "" }, inputs)).toEqual({ changes: true });
    const calls = fakeSentry({});
    expect(await memberUserProvider.diff!("id", { ...inputs, userId: "99" }, inputs)).toEqual({ changes: false });
    expect(calls).toEqual([]);
  });
});

describe("MemberTeamRoles", () => {
  const inputs = {
    baseUrl: BASE,
    organization: "betagouv",
    memberId: "17",
    teams: ["alpha", "beta", "gamma"],
    adminTeams: ["alpha", "gamma"],
  };
  const roleAnswer = (body: unknown) => ({ status: 200, body: { isActive: true, ...(body as object) } });
  const rolePuts = (calls: Call[]) => calls.map((c) => [c.method, c.path, c.body]);
  const acceptingRoles = () =>
    fakeSentry({
      "PUT organizations/betagouv/members/17/teams/alpha/": roleAnswer,
      "PUT organizations/betagouv/members/17/teams/beta/": roleAnswer,
      "PUT organizations/betagouv/members/17/teams/gamma/": roleAnswer,
    });

  it("sets admin on each admin team on create", async () => {
    const calls = acceptingRoles();
    await memberTeamRolesProvider.create(inputs);
    expect(rolePuts(calls)).toEqual([
      ["PUT", "organizations/betagouv/members/17/teams/alpha/", { teamRole: "admin" }],
      ["PUT", "organizations/betagouv/members/17/teams/gamma/", { teamRole: "admin" }],
    ]);
  });

  it("changes when the member's team list changes, even with the same admin teams (Sentry reset them)", async () => {
    expect(await memberTeamRolesProvider.diff!("id", inputs, { ...inputs, teams: ["alpha", "gamma"] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: true,
    });
    expect(await memberTeamRolesProvider.diff!("id", inputs, { ...inputs })).toMatchObject({ changes: false });
    expect(await memberTeamRolesProvider.diff!("id", inputs, { ...inputs, memberId: "18" })).toMatchObject({
      replaces: ["memberId"],
    });
  });

  it("on update sets every admin role again and demotes the teams no longer admin", async () => {
    const calls = acceptingRoles();
    await memberTeamRolesProvider.update!("id", inputs, { ...inputs, adminTeams: ["alpha"] });
    expect(rolePuts(calls)).toEqual([
      ["PUT", "organizations/betagouv/members/17/teams/alpha/", { teamRole: "admin" }],
      ["PUT", "organizations/betagouv/members/17/teams/gamma/", { teamRole: "contributor" }],
    ]);
  });

  it("demotes on delete, treating a member or membership already gone as done", async () => {
    const calls = fakeSentry({
      "PUT organizations/betagouv/members/17/teams/alpha/": roleAnswer,
    });
    await expect(memberTeamRolesProvider.delete!("id", inputs)).resolves.toBeUndefined();
    expect(rolePuts(calls)).toEqual([
      ["PUT", "organizations/betagouv/members/17/teams/alpha/", { teamRole: "contributor" }],
      ["PUT", "organizations/betagouv/members/17/teams/gamma/", { teamRole: "contributor" }],
    ]);
  });

  it("reads the live admin roles back for refresh", async () => {
    fakeSentry({
      "GET organizations/betagouv/members/17/": () => ({
        status: 200,
        body: memberOf({ id: "99" }, [
          { teamSlug: "alpha", role: null },
          { teamSlug: "gamma", role: "admin" },
        ]),
      }),
    });
    expect((await memberTeamRolesProvider.read!("id", inputs)).props).toEqual({ ...inputs, adminTeams: ["gamma"] });
  });
});

describe("TeamDefaults", () => {
  const inputs = { baseUrl: BASE, organization: "betagouv", team: "demo", removeTokenUser: true };

  it("takes the token's user out of a team the program created, and only then", async () => {
    const calls = fakeSentry({ "DELETE organizations/betagouv/members/me/teams/demo/": () => ({ status: 204 }) });
    await teamDefaultsProvider.create(inputs);
    await teamDefaultsProvider.create({ ...inputs, removeTokenUser: false });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["DELETE organizations/betagouv/members/me/teams/demo/"]);
  });

  it("never changes through its creation-only input", async () => {
    expect(await teamDefaultsProvider.diff!("id", inputs, { ...inputs, removeTokenUser: false })).toEqual({
      changes: false,
      replaces: [],
    });
  });
});
