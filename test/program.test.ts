// The Pulumi program under mocks: exact declarations for each kind of resource.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runUnderMocks, SECRET_PLACEHOLDER } from "../src/plan/mock-engine";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { loadStackPolicy, readStackConfig } from "../src/stack/stack-file";
import { planTeams } from "../src/plan/plan";
import { declare, T, teamDir } from "./helpers/plan-harness";
import { join } from "node:path";
import { readValidTeams } from "../src/team-file/load";
import { prodPolicy, ROOT, validate } from "./helpers/team-files";
import { recordRegistrations, type Registration } from "./helpers/registrations";
import { alertBodyKey } from "../src/team-file/alert-body";

const FIRST_SEEN = "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition";
const REGRESSION = "sentry.rules.conditions.regression_event.RegressionEventCondition";
const EMAIL_ACTION = "sentry.mail.actions.NotifyEmailAction";

const aidesJeunes = `
name: Aides Jeunes
startup: aides.jeunes
members:
  - camille.martin
  - handle: lea.durand
    teamRole: admin
projects:
  - slug: aj-front
    name: Aides Jeunes (front)
    platform: javascript-vue
    repository: betagouv/aides-jeunes
    alerts:
      - name: Pic
        when: [{events: 100, per: 1h}]
        environment: production
        notify: [team, {member: lea.durand}]
        every: 1h
  - slug: aj-api
    privacy:
      sensitiveFields: [numero_allocataire]
      safeFields: [request_id]
      scrubIPAddresses: true
repositories: [betagouv/aides-jeunes-infra]
`;

const carnet = `
name: Carnet de bord
members: [lea.durand, sacha.bernard]
projects:
  - slug: cdb
    platform: python-django
    repository: BetaGouv/Aides-Jeunes
`;

describe("declarations per resource kind", async () => {
  const declared = await declare({ "aides-jeunes.yaml": aidesJeunes, "carnet-de-bord.yaml": carnet });

  it("one SentryTeam per team file, slug from the file name; the token's user leaves the teams the program creates", () => {
    declared.resourceCount(T.team, 2);
    expect(declared.get(T.teamDefaults, "aides-jeunes/sentry-defaults").inputs).toEqual({
      baseUrl: "https://sentry.incubateur.net/api/",
      organization: "betagouv",
      team: "aides-jeunes",
      removeTokenUser: true,
    });
    expect(declared.get(T.team, "aides-jeunes").inputs).toEqual({
      organization: "betagouv",
      slug: "aides-jeunes",
      name: "Aides Jeunes",
    });
  });

  it("one SentryProject per project, owned by its team, name defaulting to the slug", () => {
    declared.resourceCount(T.project, 3);
    expect(declared.get(T.project, "aj-front").inputs).toEqual({
      organization: "betagouv",
      slug: "aj-front",
      name: "Aides Jeunes (front)",
      platform: "javascript-vue",
      teams: ["aides-jeunes"],
    });
    expect(declared.get(T.project, "aj-api").inputs).toEqual({
      organization: "betagouv",
      slug: "aj-api",
      name: "aj-api",
      teams: ["aides-jeunes"],
    });
  });

  it("adopts Sentry's Default key with the stack rate limit (no second key) and removes Sentry's own default rule", () => {
    declared.resourceCount(T.sentryKey, 0);
    declared.resourceCount(T.projectDefaults, 3);
    expect(declared.get(T.projectDefaults, "aj-front/sentry-defaults").inputs).toEqual({
      baseUrl: "https://sentry.incubateur.net/api/",
      organization: "betagouv",
      project: "aj-front",
      rateLimitCount: 600,
      rateLimitWindow: 60,
      rateLimitIsOverride: false,
      adopted: false,
    });
  });

  it("declares every project's scrubbing and inbound filters: the stack's, plus the file's additions", () => {
    declared.resourceCount(T.projectGuardrails, 3);
    const stack = [
      "adresse",
      "courriel",
      "date_naissance",
      "email",
      "iban",
      "nir",
      "nom",
      "numero_securite_sociale",
      "prenom",
      "telephone",
    ];
    expect(declared.get(T.projectGuardrails, "aj-api/guardrails").inputs).toEqual({
      baseUrl: "https://sentry.incubateur.net/api/",
      organization: "betagouv",
      project: "aj-api",
      dataScrubber: true,
      dataScrubberDefaults: true,
      scrubIPAddresses: true,
      sensitiveFields: [...stack, "numero_allocataire"].sort(),
      safeFields: ["request_id"],
      inboundFilters: { localhost: true, "browser-extensions": true, "web-crawlers": true, "legacy-browsers": true },
    });
    expect(declared.get(T.projectGuardrails, "cdb/guardrails").inputs).toMatchObject({
      sensitiveFields: stack,
      safeFields: [],
    });
  });

  it("merges a person listed in several files into one member with every team", () => {
    declared.resourceCount(T.member, 3);
    expect(declared.get(T.member, "lea.durand@beta.gouv.fr").inputs).toEqual({
      organization: "betagouv",
      email: "lea.durand@beta.gouv.fr",
      role: "member",
      teams: ["aides-jeunes", "carnet-de-bord"],
    });
  });

  it("gives the admin team role only where the file says so, with the member's whole team list", () => {
    declared.resourceCount(T.teamRoles, 1);
    expect(declared.get(T.teamRoles, "lea.durand@beta.gouv.fr/team-roles").inputs).toEqual({
      baseUrl: "https://sentry.incubateur.net/api/",
      organization: "betagouv",
      memberId: "<id of SentryOrganizationMember lea.durand@beta.gouv.fr>",
      teams: ["aides-jeunes", "carnet-de-bord"],
      adminTeams: ["aides-jeunes"],
    });
  });

  it("links each distinct repository once, whatever the case the files use", () => {
    declared.resourceCount(T.installationRepos, 0);
    expect(declared.ofType(T.installationRepo).map((r) => [r.name, r.inputs])).toEqual([
      ["51044792/betagouv/aides-jeunes", { installationId: "51044792", repository: "aides-jeunes" }],
      ["51044792/betagouv/aides-jeunes-infra", { installationId: "51044792", repository: "aides-jeunes-infra" }],
    ]);
    expect(declared.ofType(T.repoLink).map((r) => r.inputs)).toEqual([
      { organization: "betagouv", integrationId: "3", identifier: "betagouv/aides-jeunes" },
      { organization: "betagouv", integrationId: "3", identifier: "betagouv/aides-jeunes-infra" },
    ]);
  });

  it("adds a code mapping where a project names its repository", () => {
    declared.resourceCount(T.codeMapping, 2);
    expect(declared.get(T.codeMapping, "cdb/code-mapping").inputs).toEqual({
      baseUrl: "https://sentry.incubateur.net/api/",
      organization: "betagouv",
      integrationId: "3",
      repositoryId: "<id of SentryOrganizationRepositoryGithub betagouv/aides-jeunes>",
      projectId: "<id of SentryProject cdb>",
      defaultBranch: "main",
      stackRoot: "",
      sourceRoot: "",
    });
  });

  it("translates a friendly alert into Sentry's rule ids, with team and user targets resolved", () => {
    const key = alertBodyKey(
      {
        when: [{ events: 100, per: "1h" }],
        environment: "production",
        notify: ["team", { member: "lea.durand" }],
        every: "1h",
      },
      "30m",
    );
    expect(declared.get(T.alert, `aj-front/alert/${key}`).inputs).toEqual({
      organization: "betagouv",
      project: "aj-front",
      name: "Pic",
      actionMatch: "any",
      filterMatch: "all",
      frequency: 60,
      environment: "production",
      conditions: [
        {
          id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
          value: "100",
          interval: "1h",
          comparisonType: "count",
        },
      ],
      filters: [],
      actions: [
        { id: EMAIL_ACTION, targetType: "Team", targetIdentifier: "<id of SentryTeam aides-jeunes>" },
        {
          id: EMAIL_ACTION,
          targetType: "Member",
          targetIdentifier: "<user id of MemberUser lea.durand@beta.gouv.fr/user>",
        },
      ],
    });
    declared.resourceCount(T.memberUser, 1);
  });

  it("gives a project without `alerts` exactly one managed default rule", () => {
    const rules = declared.ofType(T.alert).filter((r) => r.inputs.project === "cdb");
    expect(rules.map((r) => r.inputs)).toEqual([
      {
        organization: "betagouv",
        project: "cdb",
        name: "Nouvelle erreur ou régression",
        actionMatch: "any",
        filterMatch: "all",
        frequency: 30,
        environment: "",
        conditions: [{ id: FIRST_SEEN }, { id: REGRESSION }],
        filters: [],
        actions: [{ id: EMAIL_ACTION, targetType: "Team", targetIdentifier: "<id of SentryTeam carnet-de-bord>" }],
      },
    ]);
  });

  it("uses explicit providers configured from the stack, with no credential offline", () => {
    expect(declared.get(T.sentryProvider, "sentry").inputs).toEqual({ baseUrl: "https://sentry.incubateur.net/api/" });
    expect(declared.get(T.githubProvider, "github-betagouv").inputs).toMatchObject({ owner: "betagouv" });
  });

  it("gives every resource a logical name unique within its type (mocks do not catch duplicate URNs)", () => {
    const keys = declared.resources.map((r) => `${r.type}::${r.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("alerts: [] and Mattermost", () => {
  it("declares no rule for `alerts: []`", async () => {
    const declared = await declare({ "quiet.yaml": "name: Quiet\nprojects:\n  - slug: quiet\n    alerts: []\n" });
    declared.resourceCount(T.alert, 0);
    declared.resourceCount(T.memberUser, 0);
  });

  it("routes {mattermost: channel} through the legacy Webhooks plugin, channel in the URL", async () => {
    const declared = await declare(
      {
        "chat.yaml":
          "name: Chat\nprojects:\n  - slug: chat\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{mattermost: chat-sentry}, {mattermost: ops-sentry}]\n",
      },
      "test-mattermost",
    );
    expect(declared.get(T.plugin, "chat/webhooks").inputs).toEqual({
      organization: "betagouv",
      project: "chat",
      plugin: "webhooks",
      config: {
        urls: "https://bridge.example.test/hook?channel=chat-sentry\nhttps://bridge.example.test/hook?channel=ops-sentry",
      },
    });
    expect(declared.ofType(T.alert).find((r) => r.inputs.name === "A")!.inputs.actions).toEqual([
      { id: "sentry.rules.actions.notify_event_service.NotifyEventServiceAction", service: "webhooks" },
    ]);
  });
});

describe("secrets and refusal", () => {
  /** `run()` with these variables set (undefined: unset), every variable restored afterwards. */
  const withEnvironment = async <T>(variables: Record<string, string | undefined>, run: () => Promise<T>) => {
    const saved = Object.fromEntries(Object.keys(variables).map((k) => [k, process.env[k]]));
    const assign = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    };
    assign(variables);
    try {
      return await run();
    } finally {
      assign(saved);
    }
  };
  const SENTRY_AUTH_TOKEN = "sntryu_0123456789abcdef-test-token";
  const GITHUB_TOKEN = "ghp_test_token_value";

  // Both SDK constructors fall back to a variable of the environment for `token` (src/pulumi/organization.ts).
  it("gives no provider a token, though the deploy job's environment holds both; the environment is left as it was", async () => {
    const declared = await withEnvironment({ SENTRY_AUTH_TOKEN, GITHUB_TOKEN }, async () => {
      const declared = await declare({ "one.yaml": "name: One\nrepositories: [betagouv/one]\n" });
      expect(process.env).toMatchObject({ SENTRY_AUTH_TOKEN, GITHUB_TOKEN });
      return declared;
    });
    expect(declared.get(T.sentryProvider, "sentry").inputs).toEqual({ baseUrl: "https://sentry.incubateur.net/api/" });
    expect(declared.get(T.githubProvider, "github-betagouv").inputs).not.toHaveProperty("token");
    const everything = JSON.stringify(declared.resources);
    for (const token of [SENTRY_AUTH_TOKEN, GITHUB_TOKEN, SECRET_PLACEHOLDER]) expect(everything).not.toContain(token);
  });

  it.each<[string, Record<string, string | undefined>, Record<string, string>, RegExp]>([
    [
      "SENTRY_TOKEN in the environment",
      { SENTRY_TOKEN: SENTRY_AUTH_TOKEN },
      {},
      /^SENTRY_TOKEN is set: unset it and give the Sentry token as SENTRY_AUTH_TOKEN\. Tokens are read from the job's environment only/,
    ],
    [
      "tokens in the stack config",
      {},
      { "sentry:token": "sntryu_from-config", "github:token": "ghp_from-config" },
      /^sentry:token is set in the stack config: remove it \(pulumi config rm sentry:token\); github:token is set in the stack config: remove it \(pulumi config rm github:token\)\. .*nothing was declared$/,
    ],
  ])(
    "refuses a token given another way (%s): it would reach the state or mislead",
    async (_label, env, extra, message) => {
      const { teams } = validate({ "teams/one.yaml": "name: One\nrepositories: [betagouv/one]\n" });
      const run = withEnvironment(env, () =>
        runUnderMocks({
          project: PULUMI_PROJECT,
          stack: "prod",
          config: { ...readStackConfig("prod", ROOT), ...extra },
          load: async () => runProgram(ROOT, { teams }),
        }),
      );
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toMatch(/from-config|0123456789abcdef/);
    },
  );

  it("stops the program on invalid files with every located error, before declaring anything", () => {
    const dir = teamDir({ "bad.yaml": "name: Bad\nmembres: []\n", "ok.yaml": "name: Ok\n" });
    expect(() => readValidTeams(dir, prodPolicy, "nothing was declared")).toThrow(
      `1 error(s) in the team files of ${dir}; nothing was declared:\n${dir}/bad.yaml:2:1: [unknown-key] clé inconnue \`membres\` au premier niveau du fichier : vouliez-vous écrire \`members\` ?`,
    );
    expect(readValidTeams(join(ROOT, "teams"), prodPolicy, "unused").map((t) => t.slug)).toEqual([
      "aides-jeunes",
      "carnet-de-bord",
      "signal-conso-demo",
    ]);
  });

  it("refuses to plan with an adoption file that attaches another team's project, located", async () => {
    const dir = teamDir({
      "a.yaml": "name: A\nprojects:\n  - slug: a-app\n",
      "b.yaml": "name: B\nprojects:\n  - slug: b-app\n",
      "adoption.json": JSON.stringify({
        organization: "betagouv",
        teams: { a: { projects: { "a-app": { import: "betagouv/b-app" } } } },
      }),
    });
    const result = await planTeams({ dir, stack: "prod", projectDir: ROOT });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics.map((d) => `${d.line}:${d.col} [${d.rule}] ${d.message.en}`)).toEqual([
        '1:72 [adoption-foreign-id] project "a-app" can only adopt "betagouv/a-app", not "betagouv/b-app"',
      ]);
  });

  it("refuses to plan invalid files and returns the validator's errors", async () => {
    const result = await planTeams({
      dir: teamDir({ "bad.yaml": "name: Bad\nprojects:\n  - slug: x\n    plateform: node\n" }),
      stack: "prod",
      projectDir: ROOT,
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics.map((d) => `${d.line}:${d.col} ${d.message.en}`)).toEqual([
        '4:5 unknown key `plateform` in project "x": did you mean `platform`?',
      ]);
  });
});

describe("alert rules across changes", () => {
  const project = (alerts: string) =>
    `name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    alerts:\n${alerts}`;
  const alertNames = async (alerts: string) =>
    (await declare({ "demo.yaml": project(alerts) }))
      .ofType(T.alert)
      .map((r) => [r.name, r.inputs.name, r.inputs.environment]);

  it("a renamed rule keeps its resource (updated in place, never created beside the old one)", async () => {
    const before = await alertNames("      - name: Avant\n        when: [new-issue]\n");
    const after = await alertNames("      - name: Après\n        when: [new-issue]\n");
    expect(after[0][0]).toBe(before[0][0]);
    expect([before[0][1], after[0][1]]).toEqual(["Avant", "Après"]);
  });

  it('a rule whose body changes is a new resource, and a removed environment is sent as ""', async () => {
    const before = await alertNames("      - name: A\n        when: [new-issue]\n        environment: production\n");
    const after = await alertNames("      - name: A\n        when: [new-issue]\n");
    expect(after[0][0]).not.toBe(before[0][0]);
    expect([before[0][2], after[0][2]]).toEqual(["production", ""]);
  });

  it("Mattermost rules depend on the project's Webhooks plugin, other rules do not", async () => {
    const registrations: Registration[] = [];
    const config = readStackConfig("test-mattermost", ROOT);
    const { teams } = validate(
      {
        "teams/chat.yaml":
          "name: Chat\nprojects:\n  - slug: chat\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{mattermost: chat-sentry}]\n      - name: B\n        when: [regression]\n",
      },
      loadStackPolicy("test-mattermost", ROOT),
    );
    await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "test-mattermost",
      config,
      load: async () => {
        recordRegistrations(registrations);
        return runProgram(ROOT, { teams });
      },
    });
    const plugin = registrations.find((r) => r.type === T.plugin)!;
    const rules = registrations.filter((r) => r.type === T.alert);
    expect(rules).toHaveLength(2);
    const dependsOnPlugin = (r: Registration) =>
      r.dependencies.some((urn) => urn.endsWith(`$${T.plugin}::${plugin.name}`));
    expect(rules.map(dependsOnPlugin).sort()).toEqual([false, true]);
  });
});

describe("members", () => {
  it("lists a member's teams in Go's byte order, the order provider v0.11.2 reads them back in", async () => {
    const member = "members: [lea.durand]\n";
    const declared = await declare({
      "ab.yaml": `name: Ab\n${member}`,
      "a_b.yaml": `name: A_b\n${member}`,
      "a-b.yaml": `name: A-b\n${member}`,
    });
    expect(declared.get(T.member, "lea.durand@beta.gouv.fr").inputs.teams).toEqual(["a-b", "a_b", "ab"]);
  });

  it("never sends a role or an e-mail change to an existing member", async () => {
    const registrations: Registration[] = [];
    const { teams } = validate({
      "teams/one.yaml": "name: One\nmembers: [lea.durand, {handle: noa.petit, teamRole: admin}]\n",
    });
    await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config: readStackConfig("prod", ROOT),
      load: async () => {
        recordRegistrations(registrations);
        return runProgram(ROOT, { teams });
      },
    });
    const members = registrations.filter((r) => r.type === T.member);
    expect(members.map((m) => [m.name, m.ignoreChanges])).toEqual([
      ["lea.durand@beta.gouv.fr", ["role", "email"]],
      ["noa.petit@beta.gouv.fr", ["role", "email"]],
    ]);
    const roles = registrations.find((r) => r.type === T.teamRoles)!;
    expect(roles.dependencies.some((urn) => urn.endsWith(`$${T.member}::noa.petit@beta.gouv.fr`))).toBe(true);
  });
});

describe("projects of several teams, and code mappings", () => {
  it("gives a shared project every team, and its code mapping the file's branch and roots", async () => {
    const declared = await declare({
      "a.yaml":
        "name: A\nprojects:\n  - slug: shared\n    sharedWith: [b_team]\n    repository: betagouv/shared\n    codeMapping: {branch: master, stackRoot: app/, sourceRoot: src/}\n",
      "b_team.yaml": "name: B\n",
    });
    expect(declared.get(T.project, "shared").inputs.teams).toEqual(["a", "b_team"]);
    expect(declared.get(T.codeMapping, "shared/code-mapping").inputs).toMatchObject({
      defaultBranch: "master",
      stackRoot: "app/",
      sourceRoot: "src/",
    });
  });
});

describe("key rate limits", () => {
  it("applies a project's override from the stack, the stack's limit elsewhere (slugs such as constructor are data)", async () => {
    const config = readStackConfig("prod", ROOT);
    const defaults = config["sentry-incubateur:defaults"] as Record<string, unknown>;
    const withOverride = {
      ...config,
      "sentry-incubateur:defaults": { ...defaults, keyRateLimitOverrides: { busy: { count: 5000, window: 60 } } },
    };
    const { teams } = validate({
      "teams/one.yaml": "name: One\nprojects:\n  - slug: busy\n  - slug: constructor\n  - slug: __proto__\n",
    });
    const { resources } = await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config: withOverride,
      load: async () => runProgram(ROOT, { teams }),
    });
    const limits = resources
      .filter((r) => r.type === T.projectDefaults)
      .map((r) => [r.inputs.project, r.inputs.rateLimitCount, r.inputs.rateLimitWindow]);
    expect(limits.sort()).toEqual([
      ["__proto__", 600, 60],
      ["busy", 5000, 60],
      ["constructor", 600, 60],
    ]);
  });
});

describe("invitations", () => {
  async function previewWarnings(handles: string[], existing: Set<string>): Promise<string[]> {
    const { teams } = validate({ "teams/big.yaml": `name: Big\nmembers: [${handles.join(", ")}]\n` });
    const config = readStackConfig("prod", ROOT);
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    );
    await pulumi.runtime.setMocks(
      {
        // In a preview, a member to be created has no id yet; one in the state keeps its own.
        newResource: (args) => ({
          id: `${args.name}-id`,
          state:
            args.type === T.member && existing.has(String(args.inputs.email))
              ? { ...args.inputs, internalId: "42" }
              : args.inputs,
        }),
        call: () => ({}),
      },
      PULUMI_PROJECT,
      "prod",
      true,
    );
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
    try {
      runProgram(ROOT, { teams });
      await pulumi.runtime.disconnect();
    } finally {
      console.warn = warn;
    }
    return warnings;
  }
  const handles = (n: number) => Array.from({ length: n }, (_, i) => `nouveau.membre${i}`);

  it("warns in a preview that invites more people than Sentry accepts a day, counted against the state", async () => {
    const warnings = await previewWarnings(handles(150), new Set(["nouveau.membre0@beta.gouv.fr"]));
    expect(warnings.join("\n")).toContain(
      "Cette modification invite 149 personnes ; Sentry n'en accepte que 100 par jour",
    );
    expect(warnings.join("\n")).toContain("This change invites 149 people; Sentry accepts only 100 a day");
  });

  it("stays quiet at 100 invitations, and for members already in the state", async () => {
    expect(await previewWarnings(handles(100), new Set())).toEqual([]);
    const all = handles(150);
    expect(await previewWarnings(all, new Set(all.slice(0, 60).map((h) => `${h}@beta.gouv.fr`)))).toEqual([]);
  });
});
