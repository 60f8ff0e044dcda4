// Code mappings, plugins and project teams behave as Sentry's do (routes/integrations.ts,
// routes/plugins.ts, routes/projects.ts cite each source).
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, TOKENS } from "./helpers/emulator-http";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});
async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  const env = await startEmulator(options);
  stop = () => env.emulator.close();
  const s = env.state;
  s.integrations.set("3", { id: "3", name: "betagouv", externalId: "51044792" });
  s.integrations.set("4", { id: "4", name: "other-org", externalId: "1" });
  const mine = s.createTeam("mine", "Mine");
  const theirs = s.createTeam("theirs", "Theirs");
  const mapping = (team: typeof mine, slug: string, integrationId: string) => {
    const project = s.createProject(team, slug, slug, null, false);
    const repoId = s.newId();
    s.repositories.set(repoId, {
      id: repoId,
      name: `x/${slug}`,
      integrationId,
      status: "active",
      dateCreated: s.now(),
    });
    const id = s.newId();
    s.codeMappings.set(id, {
      id,
      projectId: project.id,
      repoId,
      integrationId,
      stackRoot: "",
      sourceRoot: "",
      defaultBranch: "main",
    });
    return project;
  };
  mapping(mine, "p-mine", "3");
  mapping(theirs, "p-theirs", "3");
  mapping(theirs, "p-other-integration", "4");
  for (const email of ["manager@beta.gouv.fr", "member@beta.gouv.fr", "owner@beta.gouv.fr"])
    env.member(email).teamRoles.set(mine.id, null);
  return env;
}
const slugs = (body: unknown) => (body as { projectSlug: string }[]).map((m) => m.projectSlug).sort();

describe("code-mapping lists", () => {
  it.each<[string, string, string, string[]]>([
    ["owner, no parameter: its teams' projects only", TOKENS.owner, "", ["p-mine"]],
    ["owner, project=-1: every project", TOKENS.owner, "?project=-1", ["p-mine", "p-other-integration", "p-theirs"]],
    ["owner, integrationId: still its teams' projects (newer Sentry)", TOKENS.owner, "?integrationId=3", ["p-mine"]],
    [
      "owner, integrationId and project=-1: the integration's, everywhere",
      TOKENS.owner,
      "?integrationId=3&project=-1",
      ["p-mine", "p-theirs"],
    ],
    [
      "manager, project=-1: every project",
      TOKENS.manager,
      "?project=-1",
      ["p-mine", "p-other-integration", "p-theirs"],
    ],
    ["member, project=-1: its teams' projects only", TOKENS.member, "?project=-1", ["p-mine"]],
    [
      "integration token (no member): every project",
      TOKENS.integration,
      "",
      ["p-mine", "p-other-integration", "p-theirs"],
    ],
  ])("%s", async (_label, token, query, expected) => {
    const { call } = await setup();
    const response = await call(token, "GET", `organizations/betagouv/code-mappings/${query}`);
    expect(response.status).toBe(200);
    expect(slugs(response.body)).toEqual(expected);
  });

  // Older releases did not filter a list by integration (organization_code_mappings.py@1d0e709c, `get`).
  it.each<[string, string, string[]]>([
    ["owner, integrationId: every mapping of the integration", "?integrationId=3", ["p-mine", "p-theirs"]],
    ["owner, no parameter: still its teams' projects only", "", ["p-mine"]],
  ])("older release, %s", async (_label, query, expected) => {
    const { call } = await setup({ codeMappingProjectFilter: "without-integration" });
    const response = await call(TOKENS.owner, "GET", `organizations/betagouv/code-mappings/${query}`);
    expect(slugs(response.body)).toEqual(expected);
  });

  it("answers 404 for an integration the organization does not have", async () => {
    const { call } = await setup();
    expect(await call(TOKENS.owner, "GET", "organizations/betagouv/code-mappings/?integrationId=99")).toMatchObject({
      status: 404,
      body: { detail: "Not found." },
    });
  });
});

describe("code-mapping create and update", () => {
  const body = (projectId: string, repositoryId: string, overrides: Record<string, unknown> = {}) => ({
    projectId,
    repositoryId,
    integrationId: "3",
    stackRoot: "",
    sourceRoot: "",
    defaultBranch: "main",
    ...overrides,
  });
  it.each<[string, Record<string, unknown>, number, unknown]>([
    [
      "a roots and branch mapping",
      { stackRoot: "app/", sourceRoot: "src/", defaultBranch: "master" },
      201,
      { stackRoot: "app/", sourceRoot: "src/", defaultBranch: "master" },
    ],
    [
      "a root with a space",
      { stackRoot: "my app/" },
      400,
      { stackRoot: ["Path may not contain spaces or quotations"] },
    ],
    [
      "a branch ending with a slash",
      { defaultBranch: "main/" },
      400,
      { defaultBranch: [expect.stringMatching(/^Branch name may only have/)] },
    ],
    ["no branch", { defaultBranch: "" }, 400, { defaultBranch: ["This field is required."] }],
    [
      "a second mapping with the same stack root",
      {},
      400,
      { non_field_errors: ["Code path config already exists with this project and stack trace root"] },
    ],
    ["no stackRoot at all", { stackRoot: undefined }, 400, { stackRoot: ["This field is required."] }],
  ])("%s", async (_label, overrides, status, answer) => {
    const { call, state } = await setup();
    const project = state.projectBySlug("p-mine")!;
    const repo = [...state.repositories.values()].find((r) => r.name === "x/p-mine")!;
    const response = await call(
      TOKENS.owner,
      "POST",
      "organizations/betagouv/code-mappings/",
      body(project.id, repo.id, overrides),
    );
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject(answer as object);
  });

  it("updates in place with the whole body (the mapping itself is no duplicate)", async () => {
    const { call, state } = await setup();
    const mapping = [...state.codeMappings.values()][0];
    const response = await call(
      TOKENS.owner,
      "PUT",
      `organizations/betagouv/code-mappings/${mapping.id}/`,
      body(mapping.projectId, mapping.repoId, { sourceRoot: "src/", defaultBranch: "develop" }),
    );
    expect(response).toMatchObject({
      status: 200,
      body: { id: mapping.id, sourceRoot: "src/", defaultBranch: "develop" },
    });
    expect(
      (
        await call(
          TOKENS.owner,
          "PUT",
          "organizations/betagouv/code-mappings/999/",
          body(mapping.projectId, mapping.repoId),
        )
      ).status,
    ).toBe(404);
  });
});

describe("plugins, as provider v0.11.2 calls them", () => {
  it("enables (201), configures (urls, one per line), reads, then disables (204) keeping the options", async () => {
    const { call, state } = await setup();
    const path = "projects/betagouv/p-mine/plugins/webhooks/";
    expect((await call(TOKENS.owner, "POST", path)).status).toBe(201);
    const configured = await call(TOKENS.owner, "PUT", path, {
      urls: " https://bridge.example/hooks?channel=a-sentry \n\n",
    });
    expect(configured).toMatchObject({
      status: 200,
      body: {
        id: "webhooks",
        enabled: true,
        config: [{ name: "urls", value: "https://bridge.example/hooks?channel=a-sentry" }],
      },
    });
    expect((await call(TOKENS.owner, "GET", path)).body).toMatchObject({ enabled: true });
    expect((await call(TOKENS.owner, "DELETE", path)).status).toBe(204);
    expect((await call(TOKENS.owner, "GET", path)).body).toMatchObject({
      enabled: false,
      config: [{ value: expect.stringContaining("bridge") }],
    });
    expect(state.projectBySlug("p-mine")!.plugins.get("webhooks")).toMatchObject({ enabled: false });
  });

  it.each<[string, string, unknown, number, unknown]>([
    ["a URL that is not http(s)", "PUT", { urls: "ftp://x" }, 400, { errors: { urls: "Not a valid URL." } }],
    ["an unknown plugin", "POST", undefined, 404, { detail: "The requested resource does not exist" }],
  ])("refuses %s", async (label, method, body, status, answer) => {
    const { call } = await setup();
    const plugin = label.includes("unknown") ? "nope" : "webhooks";
    const response = await call(TOKENS.owner, method, `projects/betagouv/p-mine/plugins/${plugin}/`, body);
    expect(response).toMatchObject({ status, body: answer });
  });
});

describe("project teams", () => {
  it.each<[string, string, string, number, unknown]>([
    ["adding a team", "POST", "theirs", 201, { teams: [{ slug: "mine" }, { slug: "theirs" }] }],
    ["adding a team the project already has", "POST", "mine", 201, { teams: [{ slug: "mine" }] }],
    ["adding an unknown team", "POST", "nope", 404, { detail: "Team does not exist." }],
    ["removing a team", "DELETE", "mine", 200, { teams: [] }],
  ])("%s", async (_label, method, team, status, answer) => {
    const { call } = await setup();
    const response = await call(TOKENS.owner, method, `projects/betagouv/p-mine/teams/${team}/`);
    expect(response).toMatchObject({ status, body: answer });
  });
});
