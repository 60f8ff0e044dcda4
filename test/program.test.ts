// The Pulumi program under mocks: exact declarations for each kind of resource.
import { describe, expect, it } from "vitest";
import { runUnderMocks, SECRET_PLACEHOLDER } from "../src/plan/mock-engine";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { planTeams } from "../src/plan/plan";
import { declare, T, teamDir } from "./helpers/plan-harness";
import { join } from "node:path";
import { readValidTeams } from "../src/team-file/load";
import { prodPolicy, ROOT, validate } from "./helpers/team-files";

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

  it("one SentryTeam per team file, slug from the file name", () => {
    declared.resourceCount(T.team, 2);
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
      removeDefaultRule: true,
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

  it("gives the admin team role only where the file says so", () => {
    declared.resourceCount(T.teamRole, 1);
    expect(declared.get(T.teamRole, "lea.durand@beta.gouv.fr/aides-jeunes/role").inputs).toMatchObject({
      team: "aides-jeunes",
      role: "admin",
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
    expect(declared.get(T.alert, "aj-front/alert/Pic").inputs).toEqual({
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
    expect(declared.get(T.alert, "chat/alert/A").inputs.actions).toEqual([
      { id: "sentry.rules.actions.notify_event_service.NotifyEventServiceAction", service: "webhooks" },
    ]);
  });
});

describe("secrets and refusal", () => {
  it("wraps tokens from the environment as secrets and never shows them", async () => {
    const token = "sntryu_0123456789abcdef-test-token";
    process.env.SENTRY_TOKEN = token;
    process.env.GITHUB_TOKEN = "ghp_test_token_value";
    try {
      const declared = await declare({ "one.yaml": "name: One\nrepositories: [betagouv/one]\n" });
      expect(declared.get(T.sentryProvider, "sentry").inputs.token).toBe(SECRET_PLACEHOLDER);
      expect(declared.get(T.githubProvider, "github-betagouv").inputs.token).toBe(SECRET_PLACEHOLDER);
      expect(JSON.stringify(declared.resources)).not.toContain(token);
      expect(JSON.stringify(declared.resources)).not.toContain("ghp_test_token_value");
    } finally {
      delete process.env.SENTRY_TOKEN;
      delete process.env.GITHUB_TOKEN;
    }
  });

  it("takes tokens from the stack's secret config when ops set them there, still as secrets", async () => {
    const config = {
      ...readStackConfig("prod", ROOT),
      "sentry:token": "sntryu_from-config",
      "github:token": "ghp_from-config",
    };
    const { teams } = validate({ "teams/one.yaml": "name: One\nrepositories: [betagouv/one]\n" });
    const { resources } = await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config,
      load: async () => runProgram(ROOT, { teams }),
    });
    const provider = (type: string) => resources.find((r) => r.type === type)!;
    expect(provider(T.sentryProvider).inputs.token).toBe(SECRET_PLACEHOLDER);
    expect(provider(T.githubProvider).inputs.token).toBe(SECRET_PLACEHOLDER);
    expect(JSON.stringify(resources)).not.toMatch(/from-config/);
  });

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
