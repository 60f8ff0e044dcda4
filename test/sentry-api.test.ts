// Every typed endpoint (src/sentry/api/) against the emulator: the client checks each answer against
// the endpoint's runtime schema, so a call that resolves means the emulator's answer satisfies it.
// Malformed answers fail with one line naming the endpoint and the field.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_SCOPES, SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { SentryClient, SentryDataError } from "../src/sentry/client";
import * as organizations from "../src/sentry/api/organizations";
import * as teams from "../src/sentry/api/teams";
import * as projects from "../src/sentry/api/projects";
import * as keys from "../src/sentry/api/keys";
import * as filters from "../src/sentry/api/filters";
import * as rules from "../src/sentry/api/rules";
import * as members from "../src/sentry/api/members";
import * as integrations from "../src/sentry/api/integrations";
import * as plugins from "../src/sentry/api/plugins";
import * as stats from "../src/sentry/api/stats";
import * as events from "../src/sentry/api/events";
import { prodPolicy, ROOT } from "./helpers/team-files";

const TOKEN = "sntryu_api-test-secret";
const ORG = "betagouv";
const emulator = new SentryEmulator({
  organization: ORG,
  tokens: { [TOKEN]: { kind: "user", scopes: ALL_SCOPES, member: { email: "deploy@beta.gouv.fr", orgRole: "owner" } } },
});
let client: SentryClient;

beforeAll(async () => {
  const { teams: files } = validateTeamFiles(readTeamDirectory(join(ROOT, "teams"), ROOT), prodPolicy);
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, buildDesiredOrganization(files, prodPolicy), { acceptedInvitations: true });
  await emulator.listen();
  client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });
});
afterAll(() => emulator.close());

describe("every typed endpoint, against the emulator", () => {
  // In order: later calls use what earlier ones created.
  it.each<[string, () => Promise<unknown>]>([
    ["getApiIndex", () => organizations.getApiIndex(client)],
    ["getOrganization", () => organizations.getOrganization(client, ORG)],
    ["getMember me", () => members.getMember(client, ORG, "me")],
    ["listTeams", () => teams.listTeams(client, ORG)],
    ["createTeam", () => teams.createTeam(client, ORG, { slug: "api-team", name: "API" })],
    ["getTeam", () => teams.getTeam(client, ORG, "api-team")],
    ["updateTeam", () => teams.updateTeam(client, ORG, "api-team", { name: "API team" })],
    ["listTeamMembers", () => teams.listTeamMembers(client, ORG, "carnet-de-bord")],
    ["createProject", () => projects.createProject(client, ORG, "api-team", { name: "API", slug: "api-project" })],
    ["listProjects", () => projects.listProjects(client, ORG)],
    ["listProjectsWithStats", () => projects.listProjectsWithStats(client, ORG, "30d")],
    ["getProject", () => projects.getProject(client, ORG, "api-project")],
    ["updateProject", () => projects.updateProject(client, ORG, "api-project", { sensitiveFields: ["nir"] })],
    ["addProjectTeam", () => projects.addProjectTeam(client, ORG, "api-project", "carnet-de-bord")],
    ["removeProjectTeam", () => projects.removeProjectTeam(client, ORG, "api-project", "carnet-de-bord")],
    ["listPlugins", () => plugins.listPlugins(client, ORG, "api-project")],
    ["enablePlugin", () => plugins.enablePlugin(client, ORG, "api-project", "webhooks")],
    [
      "configurePlugin",
      () => plugins.configurePlugin(client, ORG, "api-project", "webhooks", { urls: "https://x.example/h" }),
    ],
    ["getPlugin", () => plugins.getPlugin(client, ORG, "api-project", "webhooks")],
    ["disablePlugin", () => plugins.disablePlugin(client, ORG, "api-project", "webhooks")],
    ["listKeys", () => keys.listKeys(client, ORG, "api-project")],
    ["createKey", () => keys.createKey(client, ORG, "api-project", { name: "Second" })],
    ["listFilters", () => filters.listFilters(client, ORG, "api-project")],
    ["updateFilter", () => filters.updateFilter(client, ORG, "api-project", "localhost", { active: true })],
    ["listRules", () => rules.listRules(client, ORG, "carnet-de-bord")],
    ["listCombinedRules", () => rules.listCombinedRules(client, ORG)],
    ["listOrganizationUsers", () => members.listOrganizationUsers(client, ORG)],
    [
      "getOrganizationStats",
      () =>
        stats.getOrganizationStats(client, ORG, {
          field: "sum(quantity)",
          groupBy: ["project", "outcome"],
          category: ["transaction"],
          statsPeriod: "30d",
        }),
    ],
    [
      "queryEvents",
      () =>
        events.queryEvents(client, ORG, { dataset: "errors", field: ["project.id", "count()"], statsPeriod: "30d" }),
    ],
    ["listMembers", () => members.listMembers(client, ORG)],
    ["listMembers by e-mail", () => members.listMembers(client, ORG, { email: "lea.durand@beta.gouv.fr" })],
    ["inviteMember", () => members.inviteMember(client, ORG, { email: "api@beta.gouv.fr", orgRole: "member" })],
    ["listIntegrations", () => integrations.listIntegrations(client, ORG, "github")],
    ["listRepositories", () => integrations.listRepositories(client, ORG)],
    ["listCodeMappings", () => integrations.listCodeMappings(client, ORG, "3")],
  ])("%s", async (_name, call) => {
    await call();
  });

  it("key, rule, member and code-mapping calls by id", async () => {
    const [key] = await keys.listKeys(client, ORG, "api-project");
    await keys.getKey(client, ORG, "api-project", key.id);
    await keys.updateKey(client, ORG, "api-project", key.id, { rateLimit: { count: 600, window: 60 } });
    await keys.deleteKey(client, ORG, "api-project", key.id);

    const team = await teams.getTeam(client, ORG, "api-team");
    const body = {
      name: "API rule",
      actionMatch: "any",
      filterMatch: "all",
      frequency: 30,
      conditions: [{ id: "sentry.rules.conditions.regression_event.RegressionEventCondition" }],
      filters: [],
      actions: [{ id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: team.id }],
    };
    const rule = await rules.createRule(client, ORG, "api-project", body);
    await rules.getRule(client, ORG, "api-project", rule.id);
    await rules.updateRule(client, ORG, "api-project", rule.id, { ...body, frequency: 60 });
    await rules.deleteRule(client, ORG, "api-project", rule.id);

    const [member] = await members.listMembers(client, ORG, { email: "api@beta.gouv.fr" });
    await members.getMember(client, ORG, member.id);
    await members.updateMember(client, ORG, member.id, { teamRoles: [{ teamSlug: "api-team", role: null }] });
    expect(await members.addMemberToTeam(client, ORG, member.id, "carnet-de-bord")).toBe("added");
    expect(await members.addMemberToTeam(client, ORG, member.id, "carnet-de-bord")).toBe("already-member");
    await members.setTeamRole(client, ORG, member.id, "carnet-de-bord", "admin");
    await members.removeMemberFromTeam(client, ORG, member.id, "carnet-de-bord");
    await members.deleteMember(client, ORG, member.id);

    const repository = await integrations.addGithubRepository(client, ORG, "3", "betagouv/api-repo");
    const project = await projects.getProject(client, ORG, "api-project");
    const mapping = await integrations.createCodeMapping(client, ORG, {
      projectId: project.id,
      repositoryId: repository.id,
      integrationId: "3",
      stackRoot: "",
      sourceRoot: "",
      defaultBranch: "main",
    });
    await integrations.updateCodeMapping(client, ORG, mapping.id, {
      projectId: project.id,
      repositoryId: repository.id,
      integrationId: "3",
      stackRoot: "app/",
      sourceRoot: "src/",
      defaultBranch: "master",
    });
    await integrations.deleteCodeMapping(client, ORG, mapping.id);
    await integrations.deleteRepository(client, ORG, repository.id);
    await projects.deleteProject(client, ORG, "api-project");
    await teams.deleteTeam(client, ORG, "api-team");
  });
});

describe("malformed answers: one line naming the endpoint and the field", () => {
  let server: Server;
  let answer: { status: number; body: string };
  let baseUrl = "";
  // A fresh client per case: the first malformed answer halts the client it came through.
  const hostile = () => new SentryClient({ baseUrl, token: TOKEN, maxRetries: 0 });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const team = { id: "1", slug: "a", name: "A", isMember: false, memberCount: 0 };
  it.each<[string, string, () => Promise<unknown>, string]>([
    [
      "HTML with 200",
      "<!DOCTYPE html><html><body>Login</body></html>",
      () => organizations.getOrganization(hostile(), ORG),
      "Sentry API GET organizations/betagouv/ answered malformed data: an HTML page instead of JSON (HTTP 200): check the base URL",
    ],
    [
      "a wrong type in a list item",
      JSON.stringify([team, { ...team, slug: 42 }]),
      () => teams.listTeams(hostile(), ORG),
      "Sentry API GET organizations/betagouv/teams/ answered malformed data: [1].slug: expected string, got number",
    ],
    [
      "a missing field",
      JSON.stringify({ id: "1", slug: "betagouv", name: "B" }),
      () => organizations.getOrganization(hostile(), ORG),
      "Sentry API GET organizations/betagouv/ answered malformed data: features: expected required property",
    ],
    [
      "a nested wrong type",
      JSON.stringify({ isActive: true, teamRole: 3 }),
      () => members.setTeamRole(hostile(), ORG, "7", "a", "admin"),
      "Sentry API PUT organizations/betagouv/members/7/teams/a/ answered malformed data: teamRole: expected union value, got number",
    ],
    [
      "an object where a list is expected",
      JSON.stringify({ detail: "ok" }),
      () => teams.listTeams(hostile(), ORG),
      "Sentry API GET organizations/betagouv/teams/ answered malformed data: expected a list, got object",
    ],
    [
      "truncated JSON",
      '[{"id": "1", "slug"',
      () => teams.listTeams(hostile(), ORG),
      "Sentry API GET organizations/betagouv/teams/ answered malformed data: a body that is not JSON (HTTP 200)",
    ],
  ])("%s", async (_label, body, call, message) => {
    answer = { status: 200, body };
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryDataError);
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain("\n");
  });
});
