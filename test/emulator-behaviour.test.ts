// The emulator reproduces Sentry's documented behaviours, not an idealized API (shared/reference/sentry-api.md §15).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import { callEmulator } from "./helpers/emulator-http";

const USER = "user-token";
const INTEGRATION = "integration-token";
const READ_ONLY = "read-only-token";
const emulator = new SentryEmulator({
  organization: "betagouv",
  tokens: {
    [USER]: {
      kind: "user",
      scopes: [
        "org:read",
        "org:write",
        "org:admin",
        "org:integrations",
        "project:read",
        "project:write",
        "project:admin",
        "team:read",
        "team:write",
        "team:admin",
        "member:read",
        "member:write",
        "member:admin",
        "alerts:read",
        "alerts:write",
      ],
    },
    [INTEGRATION]: { kind: "integration", scopes: ["org:read", "member:read", "member:write"] },
    [READ_ONLY]: { kind: "user", scopes: ["org:read"] },
  },
});

const call = (method: string, path: string, body?: unknown, token = USER) =>
  callEmulator(emulator, token, method, path, body);

beforeAll(async () => {
  await emulator.listen();
  emulator.state.integrations.set("3", { id: "3", name: "betagouv", externalId: "51044792" });
  await call("POST", "organizations/betagouv/teams/", { slug: "alpha", name: "Alpha" });
  await call("POST", "teams/betagouv/alpha/projects/", { name: "Front", slug: "front", platform: "javascript-react" });
});
afterAll(() => emulator.close());

describe("documented behaviours", () => {
  it.each<[string, string, string, unknown, string | undefined, number, unknown]>([
    [
      "no token",
      "GET",
      "organizations/betagouv/",
      undefined,
      "",
      401,
      { detail: "Authentication credentials were not provided." },
    ],
    ["a wrong token", "GET", "organizations/betagouv/", undefined, "wrong", 401, { detail: "Invalid token" }],
    [
      "a token without the scope",
      "POST",
      "organizations/betagouv/teams/",
      { slug: "x" },
      READ_ONLY,
      403,
      { detail: "You do not have permission to perform this action." },
    ],
    [
      "a path without its trailing slash",
      "GET",
      "organizations/betagouv/teams",
      undefined,
      USER,
      404,
      { detail: "The requested resource does not exist" },
    ],
    [
      "another organization",
      "GET",
      "organizations/other/teams/",
      undefined,
      USER,
      404,
      { detail: "The requested resource does not exist" },
    ],
    [
      "a taken team slug at creation",
      "POST",
      "organizations/betagouv/teams/",
      { slug: "alpha" },
      USER,
      409,
      { detail: "A team with this slug already exists.", non_field_errors: ["A team with this slug already exists."] },
    ],
    [
      "an all-digit slug",
      "POST",
      "organizations/betagouv/teams/",
      { slug: "1234" },
      USER,
      400,
      {
        slug: [
          "Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.",
        ],
      },
    ],
    [
      "a taken project slug at creation",
      "POST",
      "teams/betagouv/alpha/projects/",
      { name: "Front", slug: "front" },
      USER,
      409,
      { detail: "A project with this slug already exists." },
    ],
    [
      "the admin org role",
      "POST",
      "organizations/betagouv/members/",
      { email: "a@beta.gouv.fr", orgRole: "admin" },
      USER,
      400,
      { orgRole: ["The role 'admin' is deprecated and may no longer be assigned."] },
    ],
    [
      "an integration token inviting a manager",
      "POST",
      "organizations/betagouv/members/",
      { email: "m@beta.gouv.fr", orgRole: "manager" },
      INTEGRATION,
      400,
      ["Integration tokens are restricted to inviting new members with the member role only."],
    ],
    [
      "an unknown filter",
      "PUT",
      "projects/betagouv/front/filters/nope/",
      { active: true },
      USER,
      404,
      { detail: "The requested resource does not exist" },
    ],
    [
      "a rule in an environment with no event yet",
      "POST",
      "projects/betagouv/front/rules/",
      {
        name: "R",
        actionMatch: "any",
        frequency: 30,
        conditions: [],
        actions: [{ id: "sentry.mail.actions.NotifyEmailAction", targetType: "IssueOwners" }],
        environment: "production",
      },
      USER,
      400,
      { environment: ["This environment has not been created."] },
    ],
    [
      "a rule without action",
      "POST",
      "projects/betagouv/front/rules/",
      { name: "R", actionMatch: "any", frequency: 30, conditions: [], actions: [] },
      USER,
      400,
      { actions: ["You must add an action for this alert to fire."] },
    ],
    [
      "a code mapping without integration",
      "POST",
      "organizations/betagouv/code-mappings/",
      { projectId: "1" },
      USER,
      400,
      "Missing param: integrationId",
    ],
  ])("%s", async (_label, method, path, body, token, status, answer) => {
    const response = await call(method, path, body, token ?? USER);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(answer);
  });

  it("creates a project with a Default key and Sentry's default rule (unless default_rules is false)", async () => {
    const keys = (await call("GET", "projects/betagouv/front/keys/")).body as { name: string; rateLimit: unknown }[];
    expect(keys.map((k) => [k.name, k.rateLimit])).toEqual([["Default", null]]);
    const rules = (await call("GET", "projects/betagouv/front/rules/")).body as { name: string }[];
    expect(rules.map((r) => r.name)).toEqual(["Send a notification for new issues"]);
    await call("POST", "teams/betagouv/alpha/projects/", { name: "Bare", slug: "bare", default_rules: false });
    expect((await call("GET", "projects/betagouv/bare/rules/")).body).toEqual([]);
  });

  it("stores a key rate limit only when both values are non-zero", async () => {
    const [key] = (await call("GET", "projects/betagouv/front/keys/")).body as { id: string }[];
    expect(
      (
        (await call("PUT", `projects/betagouv/front/keys/${key.id}/`, { rateLimit: { count: 600, window: 60 } }))
          .body as { rateLimit: unknown }
      ).rateLimit,
    ).toEqual({ count: 600, window: 60 });
    expect(
      (
        (await call("PUT", `projects/betagouv/front/keys/${key.id}/`, { rateLimit: { count: 0, window: 0 } })).body as {
          rateLimit: unknown;
        }
      ).rateLimit,
    ).toBeNull();
  });

  it("invites members as pending; a second invite is a 400, not a 409", async () => {
    const created = await call("POST", "organizations/betagouv/members/", {
      email: "lea@beta.gouv.fr",
      orgRole: "member",
      teamRoles: [{ teamSlug: "alpha", role: "admin" }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "lea@beta.gouv.fr", pending: true, user: null, orgRole: "member" });
    const again = await call("POST", "organizations/betagouv/members/", { email: "lea@beta.gouv.fr" });
    expect(again).toMatchObject({
      status: 400,
      body: { email: ["The user lea@beta.gouv.fr has already been invited"] },
    });
  });

  it("treats a member PUT's team list as a full replacement", async () => {
    const [member] = (await call("GET", "organizations/betagouv/members/?query=email:lea@beta.gouv.fr")).body as {
      id: string;
    }[];
    await call("PUT", `organizations/betagouv/members/${member.id}/`, { orgRole: "member" });
    expect(
      ((await call("GET", `organizations/betagouv/members/${member.id}/`)).body as { teams: string[] }).teams,
    ).toEqual([]);
  });

  it("answers 201, then 204, when a member is added to a team twice", async () => {
    const [member] = (await call("GET", "organizations/betagouv/members/?query=email:lea@beta.gouv.fr")).body as {
      id: string;
    }[];
    expect((await call("POST", `organizations/betagouv/members/${member.id}/teams/alpha/`)).status).toBe(201);
    expect((await call("POST", `organizations/betagouv/members/${member.id}/teams/alpha/`)).status).toBe(204);
    expect(
      (await call("PUT", `organizations/betagouv/members/${member.id}/teams/alpha/`, { teamRole: "admin" })).body,
    ).toEqual({ isActive: true, teamRole: "admin" });
  });

  it("deletes teams asynchronously: 204, then 404, and the slug is free again", async () => {
    await call("POST", "organizations/betagouv/teams/", { slug: "doomed" });
    expect((await call("DELETE", "teams/betagouv/doomed/")).status).toBe(204);
    expect((await call("GET", "teams/betagouv/doomed/")).status).toBe(404);
    expect((await call("POST", "organizations/betagouv/teams/", { slug: "doomed" })).status).toBe(201);
  });

  it("renames: a taken slug is a 400 on PUT, and the old slug redirects with 302", async () => {
    await call("POST", "teams/betagouv/alpha/projects/", { name: "Old", slug: "old-name" });
    expect(await call("PUT", "projects/betagouv/old-name/", { slug: "front" })).toMatchObject({
      status: 400,
      body: { slug: ["Another project (front) is already using that slug"] },
    });
    expect((await call("PUT", "projects/betagouv/old-name/", { slug: "new-name" })).status).toBe(200);
    const moved = await call("GET", "projects/betagouv/old-name/");
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe(`${emulator.url}/api/0/projects/betagouv/new-name/`);
  });

  it("refuses linking a repository twice with a 400, and re-activates a hidden one", async () => {
    const body = { provider: "integrations:github", installation: "3", identifier: "betagouv/front" };
    expect((await call("POST", "organizations/betagouv/repos/", body)).status).toBe(201);
    expect(await call("POST", "organizations/betagouv/repos/", body)).toMatchObject({
      status: 400,
      body: { errors: { __all__: "A repository with that name already exists" } },
    });
    const [repo] = [...emulator.state.repositories.values()];
    repo.status = "hidden";
    expect((await call("POST", "organizations/betagouv/repos/", body)).status).toBe(201);
    expect((await call("DELETE", `organizations/betagouv/repos/${repo.id}/`)).status).toBe(202);
    expect(((await call("GET", "organizations/betagouv/repos/")).body as unknown[]).length).toBe(0);
  });

  it("switches JavaScript projects' inbound filters on at creation, and answers 204 to a filter update", async () => {
    const filters = (await call("GET", "projects/betagouv/front/filters/")).body;
    expect(filters).toContainEqual({ id: "localhost", active: true });
    expect(
      (await call("PUT", "projects/betagouv/front/filters/legacy-browsers/", { subfilters: ["ie", "safari"] })).status,
    ).toBe(204);
    expect((await call("GET", "projects/betagouv/front/filters/")).body).toContainEqual({
      id: "legacy-browsers",
      active: ["ie", "safari"],
    });
  });
});
