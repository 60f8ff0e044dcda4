// Adoption: team files -> emulator seeded as if `pulumi up` had applied them -> import -> the same
// declarations, now with import IDs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importOrganization } from "../src/adoption/importer";
import { readLiveOrganization } from "../src/adoption/live";
import { writeImport } from "../src/adoption/write";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import type { RecordedResource } from "../src/plan/mock-engine";
import { planJson, planTeams } from "../src/plan/plan";
import { SentryClient } from "../src/sentry/client";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import { T } from "./helpers/plan-harness";
import { prodPolicy, ROOT } from "./helpers/team-files";

const TOKEN = "emulator-test-token";
const extraTeam = `
name: Quiet
members:
  - email: alex@beta.gouv.fr
  - handle: noa.petit
    teamRole: admin
projects:
  - slug: quiet
    platform: python
    alerts: []
  - slug: loud
    alerts:
      - name: Tout
        when: [reappeared, {users: 5, per: 1d}]
        notify: [issue-owners, {member: noa.petit}, team]
        every: 2h
`;

async function importInto(emulator: SentryEmulator, out: string) {
  const client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN });
  const result = importOrganization(await readLiveOrganization(client, "betagouv"), prodPolicy);
  writeImport(result, out, prodPolicy);
  return { result, client };
}

// Adopted projects keep their existing rules (removeDefaultRule: false, asserted below); everything
// else must be declared identically.
const withoutImport = (resources: RecordedResource[]) =>
  resources.map(({ type, name, inputs }) => ({
    type,
    name,
    inputs: type === T.projectDefaults ? { ...inputs, removeDefaultRule: "n/a" } : inputs,
  }));

describe("round trip: files -> emulator --from -> import -> the same declarations", () => {
  const source = mkdtempSync(join(tmpdir(), "source-"));
  const out = join(mkdtempSync(join(tmpdir(), "import-")), "teams");
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
  let report: string[] = [];

  beforeAll(async () => {
    for (const file of readTeamDirectory(join(ROOT, "teams"), ROOT))
      writeFileSync(join(source, file.file.replace("teams/", "")), file.bytes);
    writeFileSync(join(source, "quiet.yaml"), extraTeam);
    const { teams, diagnostics } = validateTeamFiles(readTeamDirectory(source), prodPolicy);
    expect(diagnostics).toEqual([]);
    seedIntegrations(emulator.state, prodPolicy);
    seedFromModel(emulator.state, buildDesiredOrganization(teams, prodPolicy), { acceptedInvitations: true });
    await emulator.listen();
    report = (await importInto(emulator, out)).result.report;
  });
  afterAll(() => emulator.close());

  it("writes one team file per team, the adoption file and the report", () => {
    expect(readdirSync(out).sort()).toEqual([
      "adoption.json",
      "aides-jeunes.yaml",
      "carnet-de-bord.yaml",
      "import-report.md",
      "quiet.yaml",
      "signal-conso-demo.yaml",
    ]);
  });

  it("declares the same resources as the original files, except repositories no project maps (reported)", async () => {
    const original = await planTeams({ dir: source, stack: "prod", projectDir: ROOT });
    const imported = await planTeams({ dir: out, stack: "prod", projectDir: ROOT });
    if (!original.ok || !imported.ok) throw new Error("both folders must plan");
    const unmapped = (r: RecordedResource) => r.name.includes("aides-jeunes-infra");
    expect(withoutImport(imported.plan.resources)).toEqual(
      withoutImport(original.plan.resources.filter((r) => !unmapped(r))),
    );
    expect(report).toContain(
      "repository betagouv/aides-jeunes-infra is linked in Sentry but no project maps it: add it under `repositories:` of the team that owns it",
    );
  });

  it("gives every adopted team, project, member, rule, repository and code mapping its import ID", async () => {
    const imported = await planTeams({ dir: out, stack: "prod", projectDir: ROOT });
    if (!imported.ok) throw new Error("must plan");
    const json = planJson(imported.plan).resources;
    const importOf = (type: string, name: string) => json.find((r) => r.type === type && r.name === name)?.import;
    expect(importOf(T.team, "quiet")).toBe("betagouv/quiet");
    expect(importOf(T.project, "loud")).toBe("betagouv/loud");
    const alex = [...emulator.state.members.values()].find((m) => m.email === "alex@beta.gouv.fr")!;
    expect(importOf(T.member, "alex@beta.gouv.fr")).toBe(`betagouv/${alex.id}`);
    const rule = [...emulator.state.rules.values()].find((r) => r.name === "Tout")!;
    expect(json.find((r) => r.type === T.alert && r.inputs.name === "Tout")?.import).toBe(`betagouv/loud/${rule.id}`);
    expect(importOf(T.repoLink, "betagouv/carnet-de-bord")).toBe("betagouv/betagouv/carnet-de-bord");
    expect(importOf(T.installationRepo, "51044792/betagouv/carnet-de-bord")).toBe("51044792:carnet-de-bord");
    expect(importOf(T.codeMapping, "carnet-de-bord/code-mapping")).toMatch(/^betagouv\/\d+$/);
    for (const r of json.filter((x) => [T.team, T.project, T.member, T.alert].includes(x.type as never)))
      expect(r.import, `${r.type} ${r.name}`).toBeDefined();
    // Adopted projects keep their rules: no removal of "Sentry's default rule" there.
    expect(
      json.find((r) => r.type === T.projectDefaults && r.name === "loud/sentry-defaults")?.inputs.removeDefaultRule,
    ).toBe(false);
  });
});

describe("import of what team files cannot express", () => {
  let emulator: SentryEmulator;
  beforeAll(async () => {
    emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
    seedIntegrations(emulator.state, prodPolicy);
    const s = emulator.state;
    const team = s.createTeam("legacy", "Legacy");
    const other = s.createTeam("other", "Other");
    const project = s.createProject(team, "legacy-app", "Legacy app", "cobol", true);
    project.teamIds.push(other.id);
    s.createRule(project, {
      name: "Slack",
      actionMatch: "all",
      filterMatch: "all",
      frequency: 30,
      conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
      filters: [],
      actions: [{ id: "sentry.integrations.slack.notify_action.SlackNotifyServiceAction", channel: "#x" }],
      environment: null,
    });
    const outsider = s.createMember("someone@gmail.com", "member");
    outsider.teamRoles.set(team.id, null);
    s.createMember("lonely@beta.gouv.fr", "member");
    const owner = s.createMember("boss@beta.gouv.fr", "owner");
    owner.teamRoles.set(team.id, "admin");
    s.repositories.set("900", {
      id: "900",
      name: "SocialGouv/emjpm",
      integrationId: "3",
      status: "active",
      dateCreated: s.now(),
    });
    await emulator.listen();
  });
  afterAll(() => emulator.close());

  it("reports each item instead of dropping it silently", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "import-")), "teams");
    const { result } = await importInto(emulator, out);
    const slack = [...emulator.state.rules.values()].find((r) => r.name === "Slack")!;
    expect(result.report.sort()).toEqual(
      [
        'project "legacy-app" also belongs to "other": team files give a project one team, it is kept in "legacy" only',
        'project "legacy-app" has the platform "cobol", unknown to team files: left out',
        `alert rule "Slack" (id ${slack.id}) of project "legacy-app" is not imported because its action sentry.integrations.slack.notify_action.SlackNotifyServiceAction () has no team-file form: it stays in Sentry, unmanaged`,
        'member someone@gmail.com of team "legacy" has an e-mail domain the stack does not allow: left out of the file (allow the domain, or keep managing this member by hand)',
        'member boss@beta.gouv.fr has the org role "owner", which team files cannot grant: they keep it (the program never changes an org role; updating this member\'s teams needs a token of a user who may assign "owner")',
        "member lonely@beta.gouv.fr is in no team: no file declares them (add them to a team file, or remove them in Sentry)",
        'repository SocialGouv/emjpm belongs to GitHub owner "SocialGouv", which has no integration in this stack: stays unmanaged',
        // Sentry's own default rule is expressible: it is imported as a managed rule.
      ].sort(),
    );
    expect(readFileSync(join(out, "legacy.yaml"), "utf8")).toContain("name: Send a notification for new issues");
  });

  it("writes nothing when the target folder is not empty, or when reading fails", async () => {
    const out = mkdtempSync(join(tmpdir(), "import-"));
    writeFileSync(join(out, "keep.txt"), "x");
    await expect(importInto(emulator, out)).rejects.toThrow(/exists and is not empty/);
    expect(readdirSync(out)).toEqual(["keep.txt"]);

    const fresh = join(mkdtempSync(join(tmpdir(), "import-")), "teams");
    emulator.injectFaults({ status: 500, times: 100 });
    const client = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN, maxRetries: 1, sleep: async () => {} });
    await expect(readLiveOrganization(client, "betagouv")).rejects.toThrow(/HTTP 500/);
    expect(existsSync(fresh)).toBe(false);
  });
});
