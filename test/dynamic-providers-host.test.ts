// The dynamic resources as the engine stores and runs them: the program registers each one with a
// small `__provider` text (no code, no credential), and that text, evaluated the way Pulumi's dynamic
// provider host does it (a fresh plain `node` process in the project root, `require-from-string`),
// loads the implementation and works against the emulator.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { runInHost } from "./helpers/dynamic-host";
import { ROOT } from "./helpers/team-files";

const TOKEN = "sntryu_host-provider-secret";
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
/** Dynamic type token -> the `__provider` inputs the program registered for it. */
const registered = new Map<string, Set<string>>();

beforeAll(async () => {
  const config = readStackConfig("prod", ROOT);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
  );
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type.startsWith("pulumi-nodejs:dynamic/")) {
          const texts = registered.get(args.type) ?? new Set<string>();
          texts.add(String(args.inputs.__provider));
          registered.set(args.type, texts);
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    PULUMI_PROJECT,
    "prod",
    false,
  );
  process.env.SENTRY_AUTH_TOKEN = TOKEN;
  try {
    runProgram(ROOT);
    await pulumi.runtime.disconnect();
  } finally {
    delete process.env.SENTRY_AUTH_TOKEN;
  }

  await emulator.listen();
  const team = emulator.state.createTeam("alpha", "Alpha");
  emulator.state.createProject(team, "front", "Front", "javascript-react", true);
  const member = emulator.state.createMember("lea@beta.gouv.fr", "member");
  member.teamRoles.set(team.id, null);
  emulator.state.integrations.set("3", { id: "3", name: "betagouv", externalId: "51044792" });
  emulator.state.repositories.set("900", {
    id: "900",
    name: "betagouv/front",
    integrationId: "3",
    status: "active",
    dateCreated: emulator.state.now(),
  });
}, 60_000);
afterAll(() => emulator.close());

const textOf = (kind: string) => {
  const texts = registered.get(`pulumi-nodejs:dynamic/sentry-incubateur:${kind}`);
  expect(texts, kind).toBeDefined();
  expect(texts!.size, `${kind}: one text for every resource of the kind`).toBe(1);
  return [...texts!][0];
};
const host = (kind: string, method: string, args: unknown[]) =>
  runInHost(textOf(kind), method, args, { SENTRY_AUTH_TOKEN: TOKEN });
const base = () => ({ baseUrl: emulator.baseUrl, organization: "betagouv" });

describe("what the engine stores for each dynamic resource", () => {
  it.each(["ProjectDefaults", "ProjectGuardrails", "MemberTeamRoles", "MemberUser", "TeamDefaults", "CodeMapping"])(
    "%s: a few hundred bytes that load the implementation, no code and no credential",
    (kind) => {
      const text = textOf(kind);
      expect(text.length).toBeLessThan(400);
      expect(text).toContain(`.providers["${kind}"]`);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/sentry\.io|fetch|Bearer/);
    },
  );
});

describe("the stored text runs in a fresh host process", () => {
  it("ProjectDefaults", async () => {
    const result = (await host("ProjectDefaults", "create", [
      {
        ...base(),
        project: "front",
        rateLimitCount: 600,
        rateLimitWindow: 60,
        rateLimitIsOverride: false,
        adopted: false,
      },
    ])) as { outs: Record<string, unknown> };
    expect(result.outs.removedRuleIds).toHaveLength(1);
    expect(result.outs.dsnPublic).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/\d+$/);
  }, 30_000);

  it("ProjectGuardrails", async () => {
    const inputs = {
      ...base(),
      project: "front",
      dataScrubber: true,
      dataScrubberDefaults: true,
      scrubIPAddresses: true,
      sensitiveFields: ["nir"],
      safeFields: [],
      inboundFilters: { localhost: true },
    };
    const result = (await host("ProjectGuardrails", "create", [inputs])) as { id: string };
    expect(result.id).toBe("betagouv/front/guardrails");
    expect(emulator.state.projectBySlug("front")!.privacy).toMatchObject({
      scrubIPAddresses: true,
      sensitiveFields: ["nir"],
    });
  }, 30_000);

  it("MemberTeamRoles", async () => {
    const member = [...emulator.state.members.values()][0];
    await host("MemberTeamRoles", "create", [
      { ...base(), memberId: member.id, teams: ["alpha"], adminTeams: ["alpha"] },
    ]);
    expect([...member.teamRoles.values()]).toEqual(["admin"]);
  }, 30_000);

  it("MemberUser", async () => {
    const member = [...emulator.state.members.values()][0];
    const result = (await host("MemberUser", "create", [{ ...base(), memberId: member.id }])) as {
      outs: Record<string, unknown>;
    };
    expect(result.outs.userId).toBe("");
  }, 30_000);

  it("CodeMapping", async () => {
    const project = emulator.state.projectBySlug("front")!;
    const result = (await host("CodeMapping", "create", [
      {
        ...base(),
        projectId: project.id,
        integrationId: "3",
        repositoryId: "900",
        defaultBranch: "main",
        stackRoot: "",
        sourceRoot: "",
      },
    ])) as { id: string };
    expect(emulator.state.codeMappings.get(result.id)).toMatchObject({ projectId: project.id, repoId: "900" });
  }, 30_000);
});
