// Create, read, diff, update and delete of every dynamic provider against the Sentry emulator,
// including injected faults, manual changes made in Sentry, and repeated calls.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memberUserProvider } from "../src/pulumi/dynamic/member-user";
import { projectDefaultsProvider } from "../src/pulumi/dynamic/project-defaults";
import { projectGuardrailsProvider, type GuardrailsInputs } from "../src/pulumi/dynamic/project-guardrails";
import { memberTeamRolesProvider } from "../src/pulumi/dynamic/member-team-roles";
import { SentryEmulator } from "../src/emulator/server";
import { SentryClient } from "../src/sentry/client";
import type { EmulatedProject } from "../src/emulator/state";

const TOKEN = "sntryu_dynamic-emulator-secret";
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
let project: EmulatedProject;

beforeAll(async () => {
  await emulator.listen();
  process.env.SENTRY_AUTH_TOKEN = TOKEN;
});
afterAll(async () => {
  delete process.env.SENTRY_AUTH_TOKEN;
  await emulator.close();
});
beforeEach(() => {
  const team = emulator.state.teamBySlug("alpha") ?? emulator.state.createTeam("alpha", "Alpha");
  const slug = `p${emulator.state.projects.size + 1}`;
  project = emulator.state.createProject(team, slug, slug, "javascript-react", true);
});

const base = () => ({ baseUrl: emulator.baseUrl, organization: "betagouv", project: project.slug });

describe("ProjectGuardrails", () => {
  const settings = (): GuardrailsInputs => ({
    ...base(),
    dataScrubber: true,
    dataScrubberDefaults: true,
    scrubIPAddresses: true,
    sensitiveFields: ["email", "nir"],
    safeFields: ["request_id"],
    inboundFilters: { localhost: true, "browser-extensions": true, "web-crawlers": true, "legacy-browsers": true },
  });

  it("applies scrubbing and filters, through injected 429 and 500 answers", async () => {
    emulator.injectFaults({ status: 429, times: 1, retryAfter: 0 }, { status: 500, times: 1 });
    const { outs } = await projectGuardrailsProvider.create(settings());
    expect(outs).toEqual(settings());
    expect(project.privacy).toEqual({
      dataScrubber: true,
      dataScrubberDefaults: true,
      scrubIPAddresses: true,
      sensitiveFields: ["email", "nir"],
      safeFields: ["request_id"],
    });
    expect(project.filters).toMatchObject({
      localhost: true,
      "browser-extensions": true,
      "web-crawlers": true,
      "legacy-browsers": true,
    });
  });

  it("reads a manual change back (refresh), and an update converges again", async () => {
    const inputs = settings();
    await projectGuardrailsProvider.create(inputs);
    project.privacy.scrubIPAddresses = false;
    project.filters.localhost = false;
    const { props } = await projectGuardrailsProvider.read!("id", inputs);
    expect(props).toMatchObject({ scrubIPAddresses: false, inboundFilters: { localhost: false } });
    expect(await projectGuardrailsProvider.diff!("id", props as GuardrailsInputs, inputs)).toEqual({
      changes: true,
      replaces: [],
    });
    await projectGuardrailsProvider.update!("id", props as GuardrailsInputs, inputs);
    expect(project.privacy.scrubIPAddresses).toBe(true);
    expect(project.filters.localhost).toBe(true);
    expect(
      await projectGuardrailsProvider.diff!(
        "id",
        (await projectGuardrailsProvider.read!("id", inputs)).props as GuardrailsInputs,
        inputs,
      ),
    ).toEqual({ changes: false, replaces: [] });
  });

  it("is idempotent: creating twice gives the same state", async () => {
    await projectGuardrailsProvider.create(settings());
    await projectGuardrailsProvider.create(settings());
    expect(project.privacy.sensitiveFields).toEqual(["email", "nir"]);
  });

  it("ignores the order of field lists in diffs", async () => {
    const inputs = settings();
    expect(
      await projectGuardrailsProvider.diff!("id", inputs, { ...inputs, sensitiveFields: ["nir", "email"] }),
    ).toEqual({ changes: false, replaces: [] });
  });
});

describe("ProjectDefaults", () => {
  it("removes Sentry's default rule and rate-limits the Default key, idempotently", async () => {
    const inputs = {
      ...base(),
      rateLimitCount: 600,
      rateLimitWindow: 60,
      rateLimitIsOverride: false,
      adopted: false,
      retireCodeMappingIds: [],
      codeMappingIntegrationId: "",
    };
    const first = await projectDefaultsProvider.create(inputs);
    expect(first.outs!.removedRuleIds).toHaveLength(1);
    expect([...emulator.state.rules.values()].filter((r) => r.projectId === project.id)).toEqual([]);
    const keys = [...emulator.state.keys.values()].filter((k) => k.projectId === project.id);
    expect(keys.map((k) => [k.name, k.rateLimit])).toEqual([["Default", { count: 600, window: 60 }]]);
    expect(first.outs!.dsnPublic).toBe(`http://${keys[0].id}@127.0.0.1:${new URL(emulator.url).port}/${project.id}`);
    const second = await projectDefaultsProvider.create(inputs);
    expect(second.outs!.removedRuleIds).toEqual([]);
    expect(second.outs!.keyId).toBe(first.outs!.keyId);
  });
});

describe("MemberTeamRoles and MemberUser", () => {
  it("sets admin roles, sets them again after the member's teams were rewritten, demotes on delete", async () => {
    const member = emulator.state.createMember("lea@beta.gouv.fr", "member");
    const alpha = emulator.state.teamBySlug("alpha")!;
    const beta = emulator.state.teamBySlug("beta") ?? emulator.state.createTeam("beta", "Beta");
    member.teamRoles.set(alpha.id, null);
    const inputs = {
      baseUrl: emulator.baseUrl,
      organization: "betagouv",
      memberId: member.id,
      teams: ["alpha"],
      adminTeams: ["alpha"],
    };
    await memberTeamRolesProvider.create(inputs);
    expect(member.teamRoles.get(alpha.id)).toBe("admin");

    // What provider v0.11.2 sends when the member joins a second team: the whole list, no roles.
    const client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });
    await client.put(`organizations/betagouv/members/${member.id}/`, { role: "member", teams: ["alpha", "beta"] });
    const joined = { ...inputs, teams: ["alpha", "beta"] };
    expect((await memberTeamRolesProvider.diff!("id", inputs, joined)).changes).toBe(true);
    await memberTeamRolesProvider.update!("id", inputs, joined);
    expect([member.teamRoles.get(alpha.id), member.teamRoles.get(beta.id)]).toEqual(["admin", null]);

    member.teamRoles.set(alpha.id, null);
    expect((await memberTeamRolesProvider.read!("id", joined)).props?.adminTeams).toEqual([]);
    await memberTeamRolesProvider.delete!("id", joined);
    expect(member.teamRoles.get(alpha.id)).toBe("contributor");
    emulator.state.members.delete(member.id);
    await expect(memberTeamRolesProvider.delete!("id", joined)).resolves.toBeUndefined();
  });

  it("reads a member's user id once the invitation is accepted", async () => {
    const member = emulator.state.createMember("noa@beta.gouv.fr", "member");
    const inputs = { baseUrl: emulator.baseUrl, organization: "betagouv", memberId: member.id };
    expect((await memberUserProvider.create(inputs)).outs!.userId).toBe("");
    expect(await memberUserProvider.diff!("id", { ...inputs, userId: "" }, inputs)).toEqual({ changes: false });
    member.userId = "4242";
    expect(await memberUserProvider.diff!("id", { ...inputs, userId: "" }, inputs)).toEqual({ changes: true });
    expect((await memberUserProvider.update!("id", { ...inputs, userId: "" }, inputs)).outs?.userId).toBe("4242");
  });
});
