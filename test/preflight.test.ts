// The preflight against the Sentry emulator and the GitHub double: a healthy instance passes, and each
// fault the design cannot live with is one finding (or, when a check cannot run, an error) that says what
// to fix. The checks run in-process here; test/preflight-cli.test.ts runs the command as ops do.
import { afterEach, describe, expect, it } from "vitest";
import type { AdoptedRepository } from "../src/model/organization";
import { GithubEmulator } from "../src/emulator/github/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { ALL_SCOPES, SentryEmulator, type EmulatorOptions, type Fault, type TokenGrant } from "../src/emulator/server";
import { DEFAULT_FEATURES, type EmulatorState } from "../src/emulator/state";
import { buildDesiredOrganization } from "../src/model/organization";
import { MINIMUM_SENTRY_VERSION, type CheckName, type CheckResult, type Status } from "../src/preflight/checks";
import { GithubApi } from "../src/preflight/github";
import { preflightExitCode, preflightJson, preflightText, runPreflight } from "../src/preflight/preflight";
import type { TokenKind } from "../src/preflight/requirements";
import { teamFileMentions } from "../src/preflight/team-files";
import { SentryClient } from "../src/sentry/client";
import { validateTeamFiles } from "../src/team-file/validate";
import { inputs, prodPolicy } from "./helpers/team-files";

const SENTRY_TOKEN = "sntryu_preflight-secret";
const GITHUB_TOKEN = "ghp_preflight-secret";
const DEPLOY: TokenGrant = {
  kind: "user",
  scopes: ALL_SCOPES,
  member: { email: "deploy@beta.gouv.fr", orgRole: "manager" },
};
const READ_SCOPES = ["org:read", "team:read", "project:read", "member:read"];

const TEAM_FILES = {
  "teams/alpha.yaml": `name: Alpha
members:
  - handle: lea.durand
    teamRole: admin
  - sacha.bernard
projects:
  - slug: alpha-front
    platform: javascript-react
    repository: betagouv/alpha-front
repositories:
  - betagouv/alpha-infra
`,
  "teams/beta.yaml": `name: Beta
members:
  - camille.martin
projects:
  - slug: beta-api
    platform: python-django
    repository: betagouv/beta-api
`,
};

interface WorldOptions {
  token?: TokenGrant;
  tokenKind?: TokenKind;
  emulator?: Partial<EmulatorOptions>;
  files?: Record<string, string>;
  /** The installation's selection and the repositories it has selected (default: all of them). */
  selection?: "all" | "selected";
  selected?: string[];
  /** Repositories on GitHub under betagouv, as GitHub spells them. */
  githubRepositories?: string[];
  /** How GitHub spells the organisation's login (default betagouv, as the stack does). */
  githubOwner?: string;
  githubToken?: string | null;
  /** Lower-cased `owner/name` -> import IDs adopted for it. */
  adoptedRepositories?: Record<string, AdoptedRepository>;
  /** Changes to the live state after seeding it from the team files. */
  live?: (state: EmulatorState) => void;
  /** Sentry's next answers, once it listens. */
  faults?: Fault[];
  /** Answers Sentry gives instead of the emulator's, by path. */
  answers?: Record<string, { status: number; body: unknown }>;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function preflight(options: WorldOptions = {}) {
  const files = inputs(options.files ?? TEAM_FILES);
  const { teams, diagnostics } = validateTeamFiles(files, prodPolicy);
  expect(diagnostics).toEqual([]);
  const emulator = new SentryEmulator({
    organization: "betagouv",
    tokens: { [SENTRY_TOKEN]: options.token ?? DEPLOY },
    ...options.emulator,
  });
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, buildDesiredOrganization(teams, prodPolicy));
  options.live?.(emulator.state);
  const github = new GithubEmulator([GITHUB_TOKEN]);
  const installation = github.addInstallation(51044792, "betagouv", options.selection ?? "selected");
  const onGithub = options.githubRepositories ?? ["alpha-front", "alpha-infra", "beta-api"];
  for (const name of onGithub) {
    const repository = github.addRepository(options.githubOwner ?? "betagouv", name);
    if ((options.selected ?? onGithub).includes(name)) installation.repositoryIds.add(repository.id);
  }
  await Promise.all([emulator.listen(), github.listen()]);
  emulator.injectFaults(...(options.faults ?? []));
  close = async () => void (await Promise.all([emulator.close(), github.close()]));
  const githubToken = options.githubToken === undefined ? GITHUB_TOKEN : options.githubToken;
  const report = await runPreflight({
    organization: "betagouv",
    tokenKind: options.tokenKind ?? "deploy",
    stack: "prod",
    sentry: () =>
      new SentryClient({
        baseUrl: emulator.baseUrl,
        token: SENTRY_TOKEN,
        maxRetries: 2,
        sleep: async () => {},
        fetch: async (input, init) => {
          const answer = options.answers?.[new URL(String(input)).pathname];
          return answer ? Response.json(answer.body, { status: answer.status }) : fetch(input, init);
        },
      }),
    github: githubToken ? new GithubApi({ baseUrl: `${github.url}/api/v3/`, token: githubToken }) : undefined,
    policy: prodPolicy,
    mentions: teamFileMentions(files, teams),
    adoption: options.adoptedRepositories && {
      teams: new Map(),
      projects: new Map(),
      members: new Map(),
      repositories: new Map(Object.entries(options.adoptedRepositories)),
    },
  });
  return { report, emulator, github, results: report.results };
}

const pick = (results: CheckResult[], check: CheckName, status?: Status) =>
  results.filter((r) => r.check === check && (status === undefined || r.status === status));
const statuses = (results: CheckResult[]) =>
  Object.fromEntries(
    [...new Set(results.map((r) => r.check))].map((check) => [check, pick(results, check).map((r) => r.status)]),
  );

describe("a healthy instance", () => {
  it("passes every check with GET requests only, and exits 0", async () => {
    const { report, emulator, github } = await preflight();
    expect(statuses(report.results)).toEqual({
      "sentry-version": ["ok"],
      "token-scopes": ["ok"],
      "token-user": ["ok"],
      features: ["ok"],
      "github-installation": ["ok"],
      "repository-names": ["ok"],
    });
    expect(preflightExitCode(report)).toBe(0);
    expect(new Set([...emulator.requests, ...github.requests].map((r) => r.method))).toEqual(new Set(["GET"]));
    expect(preflightText(report)).toMatch(/everything the design assumes holds$/);
  });

  it("the read-only kind passes with read scopes only, and does not ask for write scopes", async () => {
    const { results } = await preflight({
      tokenKind: "read-only",
      token: { ...DEPLOY, scopes: READ_SCOPES },
    });
    expect(pick(results, "token-scopes")).toEqual([
      { check: "token-scopes", status: "ok", message: "the read-only token has every scope the program needs" },
    ]);
  });
});

describe("each fault is one finding that says what to fix", () => {
  it.each<[string, WorldOptions, CheckName, RegExp[]]>([
    [
      "deploy token without member:admin nor org:integrations",
      {
        token: {
          ...DEPLOY,
          scopes: ALL_SCOPES.filter((s) => !["member:admin", "org:integrations", "org:admin"].includes(s)),
        },
      },
      "token-scopes",
      [
        /^the deploy token cannot change members' teams and remove members .*: it needs member:admin; create a user auth token with org:read, team:read, project:read, member:read, team:write, project:write, alerts:write, member:admin, org:integrations$/,
        /^the deploy token cannot delete repository links and code mappings: it needs one of org:admin, org:integrations;/,
      ],
    ],
    [
      "read-only token missing member:read",
      { tokenKind: "read-only", token: { ...DEPLOY, scopes: ["org:read", "team:read", "project:read"] } },
      "token-scopes",
      [
        /^the read-only token cannot read members and invitations: it needs one of member:read, member:write, member:admin; create a user auth token with org:read, team:read, project:read, member:read$/,
      ],
    ],
    [
      "read-only token that can write",
      { tokenKind: "read-only", token: { ...DEPLOY, scopes: [...READ_SCOPES, "member:admin", "project:write"] } },
      "token-scopes",
      [
        /^the read-only token can change the organization \(member:admin, project:write\): .* create one with org:read, team:read, project:read, member:read only$/,
      ],
    ],
    [
      "token's account in a team",
      { live: (s) => s.memberByEmail("deploy@beta.gouv.fr")!.teamRoles.set(s.teamBySlug("beta")!.id, null) },
      "token-user",
      [
        /^the token's account deploy@beta.gouv.fr is in team\(s\) beta, and receives their alerts: remove it from them in Sentry;/,
      ],
    ],
    [
      "token's account listed in a team file",
      {
        files: {
          ...TEAM_FILES,
          "teams/beta.yaml": TEAM_FILES["teams/beta.yaml"].replace(
            "  - camille.martin",
            "  - camille.martin\n  - deploy",
          ),
        },
      },
      "token-user",
      [
        /^teams\/beta\.yaml:4:5: deploy@beta\.gouv\.fr is the token's account: a team file must not list it .*; remove it from this file/,
      ],
    ],
    [
      "token's account with the member role",
      { token: { ...DEPLOY, member: { email: "deploy@beta.gouv.fr", orgRole: "member" } } },
      "token-user",
      [/^the token's account deploy@beta.gouv.fr has the org role "member": it must be manager or owner/],
    ],
    [
      "an internal-integration token",
      { token: { kind: "integration", scopes: ALL_SCOPES } },
      "token-user",
      [
        /^the token belongs to no user \(an organization or internal-integration token\): the program needs a user auth token of a dedicated account/,
      ],
    ],
    [
      "a manager's token while the team files list an owner",
      { live: (s) => void (s.memberByEmail("lea.durand@beta.gouv.fr")!.orgRole = "owner") },
      "token-user",
      [
        /^team files list lea\.durand@beta\.gouv\.fr \(owner\), above the token's account's role "manager": Sentry refuses .*; deploy with an owner's token$/,
      ],
    ],
    [
      "organizations:team-roles off",
      { emulator: { features: DEFAULT_FEATURES.filter((f) => f !== "organizations:team-roles") } },
      "features",
      [
        /^organizations:team-roles is off for betagouv: without it Sentry stores every team role as none.*SENTRY_FEATURES\["organizations:team-roles"\] = True/,
      ],
    ],
    [
      "projects:rate-limits off",
      { emulator: { features: DEFAULT_FEATURES.filter((f) => f !== "projects:rate-limits") } },
      "features",
      [
        /^projects:rate-limits is off for 2 of 2 projects \(alpha-front, beta-api\): without it Sentry ignores the DSN key rate limit/,
      ],
    ],
    [
      "organizations:invite-members off",
      { emulator: { features: DEFAULT_FEATURES.filter((f) => f !== "organizations:invite-members") } },
      "features",
      [/^organizations:invite-members is off for betagouv: without it Sentry refuses every invitation/],
    ],
    [
      "a release older than the design was checked against",
      { emulator: { release: "23.6.2" } },
      "sentry-version",
      [
        new RegExp(
          `^Sentry 23\\.6\\.2 is older than ${MINIMUM_SENTRY_VERSION.replace(/\./g, "\\.")}, the oldest release the design was checked against \\(it relies on .orgRole. on organization members .*\\): upgrade self-hosted Sentry`,
        ),
      ],
    ],
    [
      "an installation on all repositories",
      { selection: "all" },
      "github-installation",
      [
        /^installation 51044792 on betagouv gives the Sentry GitHub App all repositories, .*switch the installation to “Only select repositories”/,
      ],
    ],
    [
      "a repository spelled otherwise than on GitHub",
      { githubRepositories: ["alpha-front", "Alpha-Infra", "beta-api"] },
      "repository-names",
      [
        /^teams\/alpha\.yaml:11:5: write "betagouv\/Alpha-Infra", as GitHub spells it, not "betagouv\/alpha-infra": Sentry's repository link and the installation entry are matched by exact name$/,
      ],
    ],
    [
      "the stack's GitHub owner spelled otherwise than on GitHub",
      { githubOwner: "BetaGouv" },
      "repository-names",
      [
        /^Pulumi\.prod\.yaml: github\.integrations owner "betagouv" is spelled "BetaGouv" on GitHub: repository identifiers are built from it and matched by exact name$/,
      ],
    ],
    [
      "a repository GitHub does not have",
      { githubRepositories: ["alpha-front", "alpha-infra"] },
      "repository-names",
      [
        /^teams\/beta\.yaml:7:17: GitHub has no repository betagouv\/beta-api that GITHUB_TOKEN can see: correct the name/,
      ],
    ],
    [
      "an adopted installation entry missing from the selected repositories",
      {
        selected: ["alpha-front", "beta-api"],
        adoptedRepositories: { "betagouv/alpha-infra": { installation: "51044792:alpha-infra" } },
      },
      "repository-names",
      [
        /^adoption\.json imports 51044792:alpha-infra \(betagouv\/alpha-infra\), but installation 51044792 has no repository named exactly "alpha-infra": the import would fail the first pulumi up; add it to the installation's selected repositories/,
      ],
    ],
  ])("%s", async (_label, world, check, expected) => {
    const { report, results } = await preflight(world);
    const findings = pick(results, check, "finding");
    expect(findings.map((f) => f.message)).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
    for (const finding of findings) expect(finding.source).toBeTruthy();
    // Only this check finds something: the faults are independent (a check the token may not run is skipped).
    expect(results.filter((r) => r.check !== check && !["ok", "skipped"].includes(r.status))).toEqual([]);
    expect(preflightExitCode(report)).toBe(1);
  });
});

describe("the token's account", () => {
  it("a user who is no member of the organization: members/me answers 404, as Sentry does for it", async () => {
    const { report, results } = await preflight({
      answers: {
        "/api/0/organizations/betagouv/members/me/": {
          status: 404,
          body: { detail: "The requested resource does not exist" },
        },
      },
    });
    expect(pick(results, "token-user").map((r) => [r.status, r.message])).toEqual([
      [
        "finding",
        "the token's user deploy@beta.gouv.fr is not a member of betagouv: use a user auth token of a dedicated account that is a manager or owner of betagouv",
      ],
    ]);
    expect(preflightExitCode(report)).toBe(1);
  });

  it("a token that may not read members: the account is not checked, token-scopes says why", async () => {
    const { report, results } = await preflight({
      tokenKind: "read-only",
      token: { ...DEPLOY, scopes: ["org:read", "team:read", "project:read"] },
    });
    expect(pick(results, "token-user").map((r) => [r.status, r.message])).toEqual([
      [
        "skipped",
        "not checked: Sentry refused GET organizations/betagouv/members/me/ (403), the token lacks a scope: see token-scopes",
      ],
    ]);
    expect(pick(results, "token-scopes", "finding")).toHaveLength(1);
    expect(preflightExitCode(report)).toBe(1);
  });
});

describe("what needs no fixing is not a finding", () => {
  it("a repository of the team files not in the selection yet: the next up adds it", async () => {
    const { report, results } = await preflight({ selected: ["alpha-front"] });
    expect(pick(results, "repository-names")).toEqual([
      {
        check: "repository-names",
        status: "ok",
        message:
          "2 repositories of the team files are not in installation 51044792 yet; the next pulumi up adds them: betagouv/alpha-infra, betagouv/beta-api",
      },
      { check: "repository-names", status: "ok", message: "3 repositories of the team files, spelled as GitHub does" },
    ]);
    expect(preflightExitCode(report)).toBe(0);
  });

  it("rate-limits cannot be checked before the first project exists: skipped, not passed", async () => {
    const { report, results } = await preflight({ files: { "teams/solo.yaml": "name: Solo\n" } });
    expect(pick(results, "features").map((r) => [r.status, r.message])).toEqual([
      ["skipped", "projects:rate-limits: project features, not checked before betagouv has a project"],
    ]);
    expect(preflightExitCode(report)).toBe(0);
  });
});

describe("a check that cannot run is an error, and exit 2", () => {
  it.each<[string, WorldOptions, Partial<Record<CheckName, RegExp>>]>([
    [
      "Sentry answers 500 more often than the client retries",
      { faults: [{ status: 500, times: 3 }] },
      {
        "sentry-version":
          /^could not check: Sentry API GET \.\.\/client-config\/ failed with HTTP 500: Internal Error$/,
      },
    ],
    [
      "a release that is not a version number",
      { emulator: { release: "nightly" } },
      { "sentry-version": /^Sentry reports release "nightly", not a version number: check by hand/ },
    ],
    [
      "no GITHUB_TOKEN",
      { githubToken: null },
      {
        "github-installation":
          /^could not check: set GITHUB_TOKEN to the token the jobs give the GitHub provider \(GH_WRITE_TOKEN for the deploy, GH_READ_TOKEN for previews/,
        "repository-names": /^could not check: set GITHUB_TOKEN/,
      },
    ],
    [
      "GitHub refuses the token",
      { githubToken: "ghp_revoked" },
      {
        "github-installation":
          /^could not check: GitHub API GET user\/installations\/51044792\/repositories\?per_page=100&page=1 answered HTTP 401: Bad credentials$/,
        "repository-names": /^could not check: GitHub API GET .* answered HTTP 401: Bad credentials$/,
      },
    ],
  ])("%s", async (_label, world, expected) => {
    const { report, results } = await preflight(world);
    expect(Object.fromEntries(results.filter((r) => r.status === "error").map((r) => [r.check, r.message]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([check, pattern]) => [check, expect.stringMatching(pattern)])),
    );
    expect(preflightExitCode(report)).toBe(2);
    expect(preflightText(report)).toMatch(/check\(s\) could not run .*: the instance was not fully checked$/);
  });

  it("a single 500 is retried: the check passes", async () => {
    const { results } = await preflight({ faults: [{ status: 500, times: 1 }] });
    expect(pick(results, "sentry-version", "ok")).toHaveLength(1);
  });
});

describe("output", () => {
  it("prints one line per result and never a token; JSON carries the sources and the exit code", async () => {
    const { report } = await preflight({ githubRepositories: ["alpha-front", "Alpha-Infra", "beta-api"] });
    const text = preflightText(report);
    expect(text.split("\n")).toHaveLength(report.results.length + 2);
    expect(text).toMatch(/^FINDING repository-names\s+teams\/alpha\.yaml:11:5: write/m);
    const json = JSON.parse(preflightJson(report)) as { exitCode: number; results: CheckResult[] };
    expect(json.exitCode).toBe(1);
    expect(json.results.find((r) => r.status === "finding")?.source).toMatch(
      /resource_sentry_organization_repository_github\.go:129-141/,
    );
    for (const secret of [SENTRY_TOKEN, GITHUB_TOKEN]) expect(text + preflightJson(report)).not.toContain(secret);
  });
});

describe("the doubles answer as Sentry and GitHub do", () => {
  it("client-config reports the release without a token; GitHub finds a repository by a name in any case", async () => {
    const { emulator, github } = await preflight({ emulator: { release: "24.11.1" } });
    const config = (await (await fetch(`${emulator.url}/api/client-config/`)).json()) as {
      version: { current: string };
    };
    expect(config.version.current).toBe("24.11.1");
    const api = new GithubApi({ baseUrl: `${github.url}/api/v3/`, token: GITHUB_TOKEN });
    expect((await api.repository("BetaGouv", "ALPHA-FRONT"))?.full_name).toBe("betagouv/alpha-front");
    expect(await api.repository("betagouv", "nope")).toBeUndefined();
  });
});
