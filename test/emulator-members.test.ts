// The emulator's member endpoints behave as Sentry's (routes/members.ts cites each source): team-role
// reset on a member PUT, the PUT's role checks, the team creator, invitation limits, members/me, and
// the address of members who accepted their invitation.
import { afterEach, describe, expect, it } from "vitest";
import { INVITE_LIMITS } from "../src/emulator/routes/members";
import { startEmulator, TOKENS } from "./helpers/emulator-http";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});
async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  const env = await startEmulator(options);
  stop = () => env.emulator.close();
  for (const slug of ["alpha", "beta"]) env.state.createTeam(slug, slug);
  const lea = env.state.createMember("lea@beta.gouv.fr", "member");
  lea.teamRoles.set(env.state.teamBySlug("alpha")!.id, "admin");
  return { ...env, lea };
}
const teamRolesOf = (state: Awaited<ReturnType<typeof setup>>["state"], email: string) =>
  Object.fromEntries([...state.memberByEmail(email)!.teamRoles].map(([id, role]) => [state.teams.get(id)!.slug, role]));

describe("a member PUT replaces every team membership", () => {
  it.each<[string, Record<string, unknown>, string[], Record<string, string | null>]>([
    [
      "`teams`, as provider v0.11.2 sends it: every team role is reset",
      { role: "member", teams: ["alpha", "beta"] },
      [],
      { alpha: null, beta: null },
    ],
    [
      "`teamRoles` keep the roles they carry",
      {
        teamRoles: [
          { teamSlug: "alpha", role: "admin" },
          { teamSlug: "beta", role: null },
        ],
      },
      [],
      { alpha: "admin", beta: null },
    ],
    ["no team list: the member leaves every team", { role: "member" }, [], {}],
    [
      "without organizations:team-roles, `teamRoles` roles are dropped",
      { teamRoles: [{ teamSlug: "alpha", role: "admin" }] },
      ["organizations:invite-members"],
      { alpha: null },
    ],
  ])("%s", async (_label, body, features, expected) => {
    const { call, lea, state } = await setup(features.length ? { features } : {});
    const response = await call(TOKENS.owner, "PUT", `organizations/betagouv/members/${lea.id}/`, body);
    expect(response.status).toBe(200);
    expect(teamRolesOf(state, "lea@beta.gouv.fr")).toEqual(expected);
  });
});

describe("a member PUT's role checks", () => {
  // [label, token, target e-mail, body, status, answer]
  it.each<[string, string, string, Record<string, unknown>, number, unknown]>([
    [
      "the same role as the member's, by an owner: no change, no check",
      TOKENS.owner,
      "manager@beta.gouv.fr",
      { role: "manager" },
      200,
      { role: "manager" },
    ],
    [
      "the same role as a superior's: refused by the serializer, a manager cannot set owner",
      TOKENS.manager,
      "owner@beta.gouv.fr",
      { role: "owner" },
      400,
      { role: ["You do not have permission to set that org-level role"] },
    ],
    [
      "demoting a superior",
      TOKENS.manager,
      "owner@beta.gouv.fr",
      { role: "member" },
      403,
      { role: "You do not have permission to assign a role to the given user." },
    ],
    [
      "promoting above oneself",
      TOKENS.manager,
      "lea@beta.gouv.fr",
      { orgRole: "owner" },
      400,
      { orgRole: ["You do not have permission to set that org-level role"] },
    ],
    [
      "changing one's own role",
      TOKENS.owner,
      "owner@beta.gouv.fr",
      { role: "member" },
      400,
      { detail: "You cannot make changes to your own role." },
    ],
    ["one's own role, unchanged", TOKENS.owner, "owner@beta.gouv.fr", { role: "owner" }, 200, { role: "owner" }],
    [
      "the retired admin role",
      TOKENS.owner,
      "lea@beta.gouv.fr",
      { role: "admin" },
      400,
      { detail: "The role 'admin' is deprecated and may no longer be assigned." },
    ],
    [
      "a role that self-hosted Sentry does not have",
      TOKENS.owner,
      "lea@beta.gouv.fr",
      { role: "billing" },
      400,
      { role: ['"billing" is not a valid choice.'] },
    ],
    [
      "any role, from a token without member:admin",
      TOKENS.member,
      "lea@beta.gouv.fr",
      { role: "member" },
      400,
      { role: ["You do not have permission to set that org-level role"] },
    ],
    [
      "any role, from an integration token (no member: no role allowed)",
      TOKENS.integration,
      "lea@beta.gouv.fr",
      { role: "member" },
      400,
      { role: ["You do not have permission to set that org-level role"] },
    ],
    [
      "a member token without member:admin sending no role",
      TOKENS.member,
      "lea@beta.gouv.fr",
      { teams: ["alpha"] },
      403,
      { detail: "You do not have permission to perform this action." },
    ],
  ])("%s", async (_label, token, email, body, status, answer) => {
    const { call, member } = await setup();
    const response = await call(token, "PUT", `organizations/betagouv/members/${member(email).id}/`, body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject(answer as object);
  });

  it("saves the teams before refusing the role: a refused PUT still resets the team roles", async () => {
    const { call, member, state } = await setup();
    const owner = member("owner@beta.gouv.fr");
    owner.teamRoles.set(state.teamBySlug("alpha")!.id, "admin");
    const response = await call(TOKENS.manager, "PUT", `organizations/betagouv/members/${owner.id}/`, {
      role: "member",
      teams: ["beta"],
    });
    expect(response.status).toBe(403);
    expect(teamRolesOf(state, "owner@beta.gouv.fr")).toEqual({ beta: null });
    expect(owner.orgRole).toBe("owner");
  });
});

describe("the token's user", () => {
  it.each<[string, string, number, unknown]>([
    ["an owner's user token", TOKENS.owner, 200, { email: "owner@beta.gouv.fr", orgRole: "owner", teams: [] }],
    ["an integration token (its proxy user is no member)", TOKENS.integration, 404, undefined],
  ])("members/me/ with %s", async (_label, token, status, answer) => {
    const { call } = await setup();
    const response = await call(token, "GET", "organizations/betagouv/members/me/");
    expect(response.status).toBe(status);
    if (answer) expect(response.body).toMatchObject(answer);
  });

  it.each<[string, string, string[]]>([
    ["a member's user token: the creator joins the team, with no team role", TOKENS.manager, ["manager@beta.gouv.fr"]],
    ["an integration token: nobody joins", TOKENS.integration, []],
  ])("creating a team with %s", async (_label, token, members) => {
    const { call, state } = await setup();
    const created = await call(token, "POST", "organizations/betagouv/teams/", { slug: "gamma" });
    expect(created.status).toBe(201);
    const team = state.teamBySlug("gamma")!;
    const inTeam = [...state.members.values()].filter((m) => m.teamRoles.has(team.id));
    expect(inTeam.map((m) => [m.email, m.teamRoles.get(team.id)])).toEqual(members.map((e) => [e, null]));
    expect((created.body as { isMember: boolean }).isMember).toBe(members.length > 0);
  });

  it.each<[string, string | undefined, number, unknown]>([
    ["no token", undefined, 200, { version: "0", auth: null, user: null }],
    [
      "an owner's user token",
      TOKENS.owner,
      200,
      {
        version: "0",
        auth: { scopes: expect.arrayContaining(["member:admin"]) },
        user: { email: "owner@beta.gouv.fr" },
      },
    ],
    ["an integration token", TOKENS.integration, 200, { version: "0", user: null }],
    ["a wrong token", "nope", 401, { detail: "Invalid token" }],
  ])("GET /api/0/ with %s", async (_label, token, status, answer) => {
    const { emulator } = await setup();
    const response = await fetch(`${emulator.baseUrl}0/`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(answer as object);
  });
});

describe("invitations", () => {
  const invite = (email: string, teamRoles?: unknown) => ({ email, orgRole: "member", teamRoles });

  it("adds the invited member to the teams asked, without the team roles asked", async () => {
    const { call, state } = await setup();
    const response = await call(
      TOKENS.owner,
      "POST",
      "organizations/betagouv/members/",
      invite("new@beta.gouv.fr", [{ teamSlug: "alpha", role: "admin" }]),
    );
    expect(response.status).toBe(201);
    expect(teamRolesOf(state, "new@beta.gouv.fr")).toEqual({ alpha: null });
  });

  it.each<[string, Record<string, unknown>, string, number, unknown]>([
    [
      "an unknown team",
      invite("x@beta.gouv.fr", [{ teamSlug: "nope", role: null }]),
      TOKENS.owner,
      400,
      { teamRoles: ["Invalid teams"] },
    ],
    [
      "a bad team role",
      invite("x@beta.gouv.fr", [{ teamSlug: "alpha", role: "boss" }]),
      TOKENS.owner,
      400,
      { teamRoles: ["Invalid team-role"] },
    ],
    [
      "an address already invited",
      invite("lea@beta.gouv.fr"),
      TOKENS.owner,
      400,
      { email: ["The user lea@beta.gouv.fr has already been invited"] },
    ],
    [
      "a manager inviting an owner",
      { email: "x@beta.gouv.fr", orgRole: "owner" },
      TOKENS.manager,
      400,
      { orgRole: ["You do not have permission to set that org-level role"] },
    ],
    [
      "an integration token inviting a manager (a bare list body)",
      { email: "x@beta.gouv.fr", orgRole: "manager" },
      TOKENS.integration,
      400,
      ["Integration tokens are restricted to inviting new members with the member role only."],
    ],
  ])("refuses %s", async (_label, body, token, status, answer) => {
    const { call } = await setup();
    const response = await call(token, "POST", "organizations/betagouv/members/", body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(answer);
  });

  it("limits invitations to 100 a day per organization, in fixed UTC-day windows", async () => {
    let now = Date.parse("2026-03-02T23:00:00Z");
    const { call, emulator } = await setup({ now: () => now });
    for (let i = 0; i < INVITE_LIMITS.byOrg; i++) {
      const response = await call(
        TOKENS.owner,
        "POST",
        "organizations/betagouv/members/",
        invite(`p${i}@beta.gouv.fr`),
      );
      expect(response.status).toBe(201);
    }
    const refused = await call(TOKENS.owner, "POST", "organizations/betagouv/members/", invite("late@beta.gouv.fr"));
    expect(refused).toMatchObject({
      status: 429,
      body: { detail: "You are being rate limited for too many invitations." },
    });
    expect(emulator.state.memberByEmail("late@beta.gouv.fr")).toBeUndefined();
    now = Date.parse("2026-03-03T00:00:01Z");
    expect(
      (await call(TOKENS.owner, "POST", "organizations/betagouv/members/", invite("late@beta.gouv.fr"))).status,
    ).toBe(201);
  });

  it("counts only valid invitations, and re-sent ones per address (10 a day)", async () => {
    const { call, lea } = await setup({ now: () => Date.parse("2026-03-02T12:00:00Z") });
    for (let i = 0; i < 5; i++)
      expect((await call(TOKENS.owner, "POST", "organizations/betagouv/members/", { email: "bad" })).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < INVITE_LIMITS.toEmail + 1; i++)
      statuses.push(
        (await call(TOKENS.owner, "PUT", `organizations/betagouv/members/${lea.id}/`, { reinvite: true })).status,
      );
    expect(statuses).toEqual([...Array(INVITE_LIMITS.toEmail).fill(200), 429]);
  });

  it("has no limit without organizations:invite-members-rate-limits", async () => {
    const { call, lea } = await setup({ features: ["organizations:invite-members", "organizations:team-roles"] });
    for (let i = 0; i < INVITE_LIMITS.toEmail + 1; i++)
      expect(
        (await call(TOKENS.owner, "PUT", `organizations/betagouv/members/${lea.id}/`, { reinvite: true })).status,
      ).toBe(200);
  });
});

describe("members who accepted their invitation", () => {
  it("are shown with their user's address, not pending, and found by either address", async () => {
    const { call, state, lea } = await setup();
    state.acceptInvitation(lea, "Lea.Durand@beta.gouv.fr");
    const detail = await call(TOKENS.owner, "GET", `organizations/betagouv/members/${lea.id}/`);
    expect(detail.body).toMatchObject({
      email: "Lea.Durand@beta.gouv.fr",
      pending: false,
      user: { id: lea.userId, email: "Lea.Durand@beta.gouv.fr" },
    });
    for (const email of ["lea@beta.gouv.fr", "Lea.Durand@beta.gouv.fr"]) {
      const found = await call(TOKENS.owner, "GET", `organizations/betagouv/members/?query=email:${email}`);
      expect((found.body as { id: string }[]).map((m) => m.id)).toEqual([lea.id]);
    }
  });
});

describe("feature flags, as the serializers list them", () => {
  // Organization features on the organization, project features on each project, prefix removed, flags
  // without `api_expose` left out (organization.py `get_feature_set`, project.py `get_features_for_projects`).
  it.each<[string[] | undefined, string[], string[]]>([
    [undefined, ["invite-members", "team-roles"], ["rate-limits"]],
    [["projects:rate-limits"], [], ["rate-limits"]],
    [["organizations:team-roles", "organizations:invite-members-rate-limits"], ["team-roles"], []],
  ])("configured %j: organization %j, projects %j", async (features, organization, project) => {
    const { call, state } = await setup(features ? { features } : {});
    state.createProject(state.teamBySlug("alpha")!, "front", "Front", null, false);
    const body = async <T>(path: string) => (await call(TOKENS.owner, "GET", path)).body as T;
    expect((await body<{ features: string[] }>("organizations/betagouv/")).features).toEqual(organization);
    expect((await body<{ features: string[] }[]>("organizations/betagouv/projects/"))[0].features).toEqual(project);
  });
});
