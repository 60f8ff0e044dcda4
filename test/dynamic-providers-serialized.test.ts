// The dynamic providers as the engine runs them: compiled by Pulumi's runtime compiler, serialized to
// text, then loaded in a fresh Node process (like Pulumi's dynamic provider host) and called against
// the emulator. This catches what
// serializing alone does not: code that no longer parses or runs once taken apart function by function.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import { ROOT } from "./helpers/team-files";

const run = promisify(execFile);
const TOKEN = "sntryu_serialized-provider-secret";
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });

beforeAll(async () => {
  await emulator.listen();
  const team = emulator.state.createTeam("alpha", "Alpha");
  emulator.state.createProject(team, "front", "Front", "javascript-react", true);
  const member = emulator.state.createMember("lea@beta.gouv.fr", "member");
  member.teamRoles.set(team.id, null);
});
afterAll(() => emulator.close());

/** Serializes `exportName` of `module`, then runs `provider.create(inputs)` from the text in a fresh process. */
async function createFromSerialized(
  module: string,
  exportName: string,
  inputs: Record<string, unknown>,
): Promise<{ text: string; result: { id: string; outs: Record<string, unknown> } }> {
  const file = join(mkdtempSync(join(tmpdir(), "provider-")), "provider.js");
  await run(
    process.execPath,
    [join(ROOT, "test", "helpers", "serialize-provider.js"), ROOT, module, exportName, file],
    { cwd: ROOT },
  );
  const host = `
    const provider = require(${JSON.stringify(file)}).handler();
    provider.create(JSON.parse(process.argv[1])).then((result) => process.stdout.write(JSON.stringify(result)), (error) => { process.stderr.write(String(error)); process.exit(1); });
  `;
  const { stdout } = await run(process.execPath, ["-e", host, JSON.stringify(inputs)], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH, SENTRY_AUTH_TOKEN: TOKEN },
  });
  return { text: readFileSync(file, "utf8"), result: JSON.parse(stdout) };
}

describe("serialized dynamic providers run in a fresh process", () => {
  const base = () => ({ baseUrl: emulator.baseUrl, organization: "betagouv" });

  it("ProjectDefaults", async () => {
    const { text, result } = await createFromSerialized(
      "src/pulumi/dynamic/project-defaults.ts",
      "projectDefaultsProvider",
      { ...base(), project: "front", rateLimitCount: 600, rateLimitWindow: 60, removeDefaultRule: true },
    );
    expect(result.outs.removedRuleIds).toHaveLength(1);
    expect(result.outs.dsnPublic).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/\d+$/);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("module.exports.__containsSecrets = false;");
  });

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
    const { result } = await createFromSerialized(
      "src/pulumi/dynamic/project-guardrails.ts",
      "projectGuardrailsProvider",
      inputs,
    );
    expect(result.id).toBe("betagouv/front/guardrails");
    expect(emulator.state.projectBySlug("front")!.privacy).toMatchObject({
      scrubIPAddresses: true,
      sensitiveFields: ["nir"],
    });
  });

  it("TeamMemberRole", async () => {
    const member = [...emulator.state.members.values()][0];
    await createFromSerialized("src/pulumi/dynamic/team-member-role.ts", "teamMemberRoleProvider", {
      ...base(),
      memberId: member.id,
      team: "alpha",
      role: "admin",
    });
    expect([...member.teamRoles.values()]).toEqual(["admin"]);
  });

  it("MemberUser", async () => {
    const member = [...emulator.state.members.values()][0];
    const { result } = await createFromSerialized("src/pulumi/dynamic/member-user.ts", "memberUserProvider", {
      ...base(),
      memberId: member.id,
    });
    expect(result.outs.userId).toBe("");
  });
});
