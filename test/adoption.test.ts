// Adoption: team files -> emulator seeded as if `pulumi up` had applied them -> import -> the same
// declarations, now with import IDs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readAdoption, validateAdoption } from "../src/adoption/adoption";
import { DEFAULT_RULE_NAME } from "../src/model/alert-rules";
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
import { prodPolicy, ROOT, validate } from "./helpers/team-files";

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
    sharedWith: [carnet-de-bord]
    repository: betagouv/loud
    codeMapping: {branch: master, stackRoot: app/, sourceRoot: src/}
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

// Adopted projects and teams keep what Sentry made by itself (asserted below); everything else must be
// declared identically.
const withoutImport = (resources: RecordedResource[]) =>
  resources.map(({ type, name, inputs }) => ({
    type,
    name,
    inputs:
      type === T.projectDefaults
        ? { ...inputs, adopted: "n/a" }
        : type === T.teamDefaults
          ? { ...inputs, removeTokenUser: "n/a" }
          : inputs,
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

  it("imports teams, projects, members, rules and repositories; code mappings carry the live roots", async () => {
    const imported = await planTeams({ dir: out, stack: "prod", projectDir: ROOT });
    if (!imported.ok) throw new Error("must plan");
    const json = planJson(imported.plan).resources;
    const importOf = (type: string, name: string) => json.find((r) => r.type === type && r.name === name)?.import;
    expect(importOf(T.team, "quiet")).toBe("betagouv/quiet");
    // An adopted team keeps its members as they are, the token's user included.
    expect(json.find((r) => r.type === T.teamDefaults && r.name === "quiet/sentry-defaults")?.inputs).toMatchObject({
      removeTokenUser: false,
    });
    expect(importOf(T.project, "loud")).toBe("betagouv/loud");
    const alex = [...emulator.state.members.values()].find((m) => m.email === "alex@beta.gouv.fr")!;
    expect(importOf(T.member, "alex@beta.gouv.fr")).toBe(`betagouv/${alex.id}`);
    const tout = [...emulator.state.rules.values()].find((r) => r.name === "Tout")!;
    expect(json.find((r) => r.type === T.alert && r.inputs.name === "Tout")?.import).toBe(`betagouv/loud/${tout.id}`);
    expect(importOf(T.repoLink, "betagouv/carnet-de-bord")).toBe("betagouv/betagouv/carnet-de-bord");
    expect(importOf(T.installationRepo, "51044792/betagouv/carnet-de-bord")).toBe("51044792:carnet-de-bord");
    for (const r of json.filter((x) => [T.team, T.project, T.member, T.alert].includes(x.type as never)))
      expect(r.import, `${r.type} ${r.name}`).toBeDefined();
    expect(json.find((r) => r.type === T.projectDefaults && r.name === "loud/sentry-defaults")?.inputs).toMatchObject({
      adopted: true,
    });
    // No import ID: the program's code mapping adopts the live one with the same project and stack root
    // (src/pulumi/dynamic/code-mapping.ts), so the imported file carries the live roots and branch.
    expect(json.filter((r) => r.type === T.codeMapping && r.import)).toEqual([]);
    expect(json.find((r) => r.type === T.codeMapping && r.name === "loud/code-mapping")?.inputs).toMatchObject({
      integrationId: "3",
      defaultBranch: "master",
      stackRoot: "app/",
      sourceRoot: "src/",
    });
    expect(json.find((r) => r.type === T.project && r.name === "loud")?.inputs.teams).toEqual([
      "quiet",
      "carnet-de-bord",
    ]);
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
    project.privacy.sensitiveFields = ["numero_allocataire", "email"];
    for (const key of s.keys.values()) if (key.projectId === project.id) key.rateLimit = { count: 5000, window: 60 };
    const quiet = s.createProject(other, "quiet-app", "Quiet app", "python", true);
    for (const key of s.keys.values()) if (key.projectId === quiet.id) key.rateLimit = { count: 10, window: 1 };
    project.privacy.safeFields = ["request_id", "Nom", "*"];
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
        'project "legacy-app" has the platform "cobol", unknown to team files: left out',
        'project "legacy-app" has the safe field "*" in Sentry, which would exempt a field the stack scrubs: not carried, the stack\'s scrubbing applies',
        'project "legacy-app" has the safe field "Nom" in Sentry, which would exempt a field the stack scrubs: not carried, the stack\'s scrubbing applies',
        "2 project(s) have `scrubIPAddresses` off in Sentry; the stack's policy turns it on: legacy-app, quiet-app",
        'project "legacy-app": its DSN key allows 5000 events / 60 s in Sentry, more than the stack\'s 600 / 60 s; the program keeps it (a busy project is never throttled silently): to decide another limit, add `legacy-app: {count: N, window: S}` under `sentry-incubateur:defaults` → `keyRateLimitOverrides` in the stack file',
        `alert rule "Slack" (id ${slack.id}) of project "legacy-app" is not imported because its action sentry.integrations.slack.notify_action.SlackNotifyServiceAction () has no team-file form: it stays in Sentry, unmanaged`,
        'member someone@gmail.com of team "legacy" has an e-mail domain the stack does not allow: left out of the file (allow the domain, or keep managing this member by hand)',
        'member boss@beta.gouv.fr has the org role "owner", which team files cannot grant: they keep it (the program never changes an org role; updating this member\'s teams needs a token of a user who may assign "owner")',
        "member lonely@beta.gouv.fr is in no team: no file declares them (add them to a team file, or remove them in Sentry)",
        'repository SocialGouv/emjpm belongs to GitHub owner "SocialGouv", which has no integration in this stack: stays unmanaged',
        // Sentry's own default rule is expressible: it is imported as a managed rule.
      ].sort(),
    );
    expect(readFileSync(join(out, "legacy.yaml"), "utf8")).toContain("name: Send a notification for new issues");
    // A project of several teams is shared with the others.
    expect(parse(readFileSync(join(out, "legacy.yaml"), "utf8")).projects[0].sharedWith).toEqual(["other"]);
    // The live scrubbing is kept on top of the stack's: the fields the stack lacks are carried.
    expect(parse(readFileSync(join(out, "legacy.yaml"), "utf8")).projects[0].privacy).toEqual({
      sensitiveFields: ["numero_allocataire"],
      safeFields: ["request_id"],
    });
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

describe("the adoption file is validated against what each team declares", () => {
  const { teams } = validate({
    "teams/alpha.yaml":
      "name: Alpha\nmembers: [lea.durand]\nprojects:\n  - slug: alpha-app\n    repository: betagouv/alpha\n  - slug: alpha-api\n",
    "teams/beta.yaml": "name: Beta\nmembers: [lea.durand, noa.petit]\nprojects:\n  - slug: beta-app\n",
    "teams/constructor.yaml": "name: Constructor\nprojects:\n  - slug: __proto__\n",
  });
  const check = (adoption: unknown) =>
    validateAdoption("teams/adoption.json", JSON.stringify(adoption, null, 2), teams, prodPolicy).diagnostics.map(
      (d) => `${d.line}:${d.col} [${d.rule}] ${d.message.en}`,
    );
  const file = (teamsPart: Record<string, unknown>) => ({ organization: "betagouv", teams: teamsPart });

  it("accepts what the importer writes, keys such as __proto__ and constructor included, as plain data", () => {
    const result = validateAdoption(
      "teams/adoption.json",
      JSON.stringify(
        file({
          alpha: {
            import: "betagouv/alpha",
            members: { "lea.durand@beta.gouv.fr": "betagouv/12" },
            projects: {
              "alpha-app": {
                import: "betagouv/alpha-app",
                rules: { [DEFAULT_RULE_NAME]: "betagouv/alpha-app/5" },
              },
            },
            repositories: { "betagouv/alpha": { link: "betagouv/betagouv/Alpha", installation: "51044792:alpha" } },
          },
          beta: { members: { "lea.durand@beta.gouv.fr": "betagouv/12" } },
          constructor: { import: "betagouv/constructor", projects: { PROTO: { import: "betagouv/__proto__" } } },
        }),
      ).replace('"PROTO"', '"__proto__"'),
      teams,
      prodPolicy,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.adoption!.projects.get("__proto__")).toEqual({
      importId: "betagouv/__proto__",
      ruleImportIds: new Map(),
    });
    expect(result.adoption!.projects.get("alpha-app")!.ruleImportIds).toEqual(
      new Map([[DEFAULT_RULE_NAME, "betagouv/alpha-app/5"]]),
    );
    expect(result.adoption!.teams.get("constructor")).toBe("betagouv/constructor");
    expect(result.adoption!.projects.get("constructor")).toBeUndefined();
  });

  it.each<[string, string, string[]]>([
    [
      "broken JSON",
      '{"organization": "betagouv",\n "teams": {',
      [
        "2:12 [adoption-syntax] invalid JSON: Expected property name or '}'; this file is written by `npm run import`: import again rather than editing it",
      ],
    ],
    [
      "YAML that is not JSON",
      "organization: betagouv\nteams: {}\n",
      [
        "1:1 [adoption-syntax] invalid JSON: Unexpected token 'o', \"organizati\"... is not valid JSON; this file is written by `npm run import`: import again rather than editing it",
      ],
    ],
    [
      "a key twice",
      '{"organization": "betagouv", "organization": "x", "teams": {}}',
      [
        "1:30 [adoption-syntax] a key appears twice in one object; this file is written by `npm run import`: import again rather than editing it",
      ],
    ],
  ])("refuses %s, located", (_label, text, expected) => {
    expect(
      validateAdoption("teams/adoption.json", text, teams, prodPolicy).diagnostics.map(
        (d) => `${d.line}:${d.col} [${d.rule}] ${d.message.en}`,
      ),
    ).toEqual(expected);
  });

  it.each<[string, unknown, string[]]>([
    [
      "an unknown key",
      { organization: "betagouv", teams: {}, alertRules: {} },
      [
        '4:3 [adoption-syntax] unknown key "alertRules"; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
    ["another organization", file({}), []],
    [
      "a team no file declares",
      file({ gamma: { import: "betagouv/gamma" } }),
      [
        '4:5 [adoption-not-declared] team "gamma" has no file in this folder: an adoption entry belongs to the team that declares it',
      ],
    ],
    [
      "another team's Sentry team",
      file({ alpha: { import: "betagouv/beta" } }),
      ['5:17 [adoption-foreign-id] team "alpha" can only adopt "betagouv/alpha", not "betagouv/beta"'],
    ],
    [
      "someone else's project, under one of the team's slugs",
      file({ alpha: { projects: { "alpha-app": { import: "betagouv/beta-app" } } } }),
      ['7:21 [adoption-foreign-id] project "alpha-app" can only adopt "betagouv/alpha-app", not "betagouv/beta-app"'],
    ],
    [
      "a project another team declares",
      file({ alpha: { projects: { "beta-app": { import: "betagouv/beta-app" } } } }),
      [
        '6:9 [adoption-not-declared] project "beta-app" is not declared in the file of team "alpha": an adoption entry belongs to the team that declares the resource; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
    [
      "a member the team does not list",
      file({ alpha: { members: { "noa.petit@beta.gouv.fr": "betagouv/13" } } }),
      [
        '6:9 [adoption-not-declared] member "noa.petit@beta.gouv.fr" is not declared in the file of team "alpha": an adoption entry belongs to the team that declares the resource; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
    [
      "one person adopted as two members",
      file({
        alpha: { members: { "lea.durand@beta.gouv.fr": "betagouv/12" } },
        beta: { members: { "lea.durand@beta.gouv.fr": "betagouv/99" } },
      }),
      [
        '11:36 [adoption-conflict] member "lea.durand@beta.gouv.fr" is adopted with other IDs under team "alpha": one Sentry resource, the same IDs',
      ],
    ],
    [
      "code mappings to retire (earlier importers): the program adopts them now",
      file({ alpha: { projects: { "alpha-app": { retireCodeMappings: ["9"] } } } }),
      [
        '7:11 [adoption-syntax] unknown key "retireCodeMappings"; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
    [
      "another project's rule",
      file({ alpha: { projects: { "alpha-app": { rules: { [DEFAULT_RULE_NAME]: "betagouv/beta-app/5" } } } } }),
      [
        '8:46 [adoption-foreign-id] alert rule "Nouvelle erreur ou régression" can only adopt "betagouv/alpha-app/<rule id>", not "betagouv/beta-app/5"',
      ],
    ],
    [
      "a rule the project does not declare",
      file({ alpha: { projects: { "alpha-app": { rules: { Autre: "betagouv/alpha-app/5" } } } } }),
      [
        '8:13 [adoption-not-declared] alert rule "Autre" is not declared by project "alpha-app": an adoption entry belongs to the team that declares the resource; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
    [
      "a repository the team does not link",
      file({ beta: { repositories: { "betagouv/alpha": { link: "betagouv/betagouv/alpha" } } } }),
      [
        '6:9 [adoption-not-declared] repository "betagouv/alpha" is not declared in the file of team "beta": an adoption entry belongs to the team that declares the resource; this file is written by `npm run import`: import again rather than editing it',
      ],
    ],
  ])("refuses %s, located", (_label, adoption, expected) => {
    expect(check(adoption)).toEqual(expected);
  });

  it("says it in French first", () => {
    expect(
      validateAdoption("a.json", JSON.stringify({ organization: "other", teams: {} }), teams, prodPolicy).diagnostics[0]
        .message.fr,
    ).toBe(
      "l'organisation « other » n'est pas celle de la stack (« betagouv ») : importez depuis la bonne organisation",
    );
  });

  it("refuses another organization's file", () => {
    expect(check({ organization: "other", teams: {} })).toEqual([
      '2:19 [adoption-organization] organization "other" is not this stack\'s organization "betagouv": import from the right organization',
    ]);
  });

  it("reads the file as data only: never through a link, never unbounded", () => {
    const dir = mkdtempSync(join(tmpdir(), "adoption-"));
    const target = join(dir, "elsewhere.json");
    writeFileSync(target, JSON.stringify(file({})));
    symlinkSync(target, join(dir, "adoption.json"));
    expect(readAdoption(dir, teams, prodPolicy, dir).diagnostics.map((d) => d.message.en)).toEqual([
      "`adoption.json` must be a regular file written by `npm run import`, not a link or a folder",
    ]);
    expect(readAdoption(mkdtempSync(join(tmpdir(), "adoption-")), teams, prodPolicy)).toEqual({ diagnostics: [] });
  });
});

describe("slugs and names such as __proto__ and constructor are data", () => {
  it("imports, writes and plans them like any other", async () => {
    const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
    try {
      const s = emulator.state;
      const proto = s.createTeam("__proto__", "Proto");
      const project = s.createProject(proto, "constructor", "Constructor", "python", true);
      for (const rule of [...s.rules.values()].filter((r) => r.projectId === project.id)) s.rules.delete(rule.id);
      s.createRule(project, {
        name: "__proto__",
        actionMatch: "any",
        filterMatch: "all",
        frequency: 30,
        conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
        filters: [],
        actions: [
          { id: "sentry.mail.actions.NotifyEmailAction", targetType: "IssueOwners", fallthroughType: "ActiveMembers" },
        ],
        environment: null,
      });
      s.createMember("constructor@beta.gouv.fr", "member").teamRoles.set(proto.id, null);
      await emulator.listen();
      const out = join(mkdtempSync(join(tmpdir(), "import-")), "teams");
      await importInto(emulator, out);
      const adoption = JSON.parse(readFileSync(join(out, "adoption.json"), "utf8"));
      expect(Object.keys(adoption.teams)).toEqual(["__proto__"]);
      expect(Object.keys(adoption.teams.__proto__.projects)).toEqual(["constructor"]);
      expect(Object.keys(adoption.teams.__proto__.projects.constructor.rules)).toEqual(["__proto__"]);
      expect(Object.keys(adoption.teams.__proto__.members)).toEqual(["constructor@beta.gouv.fr"]);
      const planned = await planTeams({ dir: out, stack: "prod", projectDir: ROOT });
      if (!planned.ok) throw new Error(JSON.stringify(planned.diagnostics));
      const imports = planJson(planned.plan)
        .resources.filter((r) => r.import)
        .map((r) => [r.type, r.import]);
      expect(imports).toEqual(
        expect.arrayContaining([
          [T.team, "betagouv/__proto__"],
          [T.project, "betagouv/constructor"],
          [T.alert, expect.stringMatching(/^betagouv\/constructor\/\d+$/)],
          [T.member, expect.stringMatching(/^betagouv\/\d+$/)],
        ]),
      );
    } finally {
      await emulator.close();
    }
  });
});
