// The preflight's checks: each reads the live instance (GET only) and returns one result per thing to
// say, what is wrong and how to fix it. The assumptions and their sources are in requirements.ts.
import semver from "semver";
import type { Adoption } from "../model/organization";
import { SentryApiError, type SentryClient } from "../sentry/client";
import { getMember, listMembers } from "../sentry/api/members";
import { getApiIndex, getClientConfig, getOrganization } from "../sentry/api/organizations";
import { listProjects } from "../sentry/api/projects";
import type { GithubIntegration, StackPolicy } from "../stack/policy";
import { GithubApiError, type GithubApi, type InstallationListing } from "./github";
import {
  FEATURE_NEEDS,
  isReadScope,
  MEMBER_UPDATE_ROLE_SOURCE,
  SCOPE_NEEDS,
  TEAM_CREATOR_SOURCE,
  TOKEN_USER_ROLES,
  VERSION_NEEDS,
  type TokenKind,
} from "./requirements";
import { where, type TeamFileMentions } from "./team-files";

export const CHECKS = [
  "sentry-version",
  "token-scopes",
  "token-user",
  "features",
  "github-installation",
  "repository-names",
] as const;
export type CheckName = (typeof CHECKS)[number];

/** `finding`: the instance differs from what the design assumes; `error`: the check could not run. */
export type Status = "ok" | "skipped" | "finding" | "error";

export interface CheckResult {
  check: CheckName;
  status: Status;
  message: string;
  /** Why the design needs it. */
  source?: string;
}

export interface PreflightContext {
  organization: string;
  tokenKind: TokenKind;
  stack: string;
  /** A fresh client per check: the first fatal error halts a client, not the whole preflight. */
  sentry: () => SentryClient;
  /** Undefined when no GitHub token is set. */
  github: GithubApi | undefined;
  policy: StackPolicy;
  mentions: TeamFileMentions;
  adoption: Adoption | undefined;
}

export type Check = (context: PreflightContext) => Promise<CheckResult[]>;

const listed = (items: readonly string[], max = 5) =>
  items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", ");

export const MINIMUM_SENTRY_VERSION = VERSION_NEEDS.map((need) => need.since).reduce((a, b) =>
  semver.gt(b, a) ? b : a,
);

export const checkSentryVersion: Check = async ({ sentry }) => {
  const result = (status: Status, message: string): CheckResult[] => [
    { check: "sentry-version", status, message, source: VERSION_NEEDS.map((n) => n.documented).join("; ") },
  ];
  const { current } = (await getClientConfig(sentry())).version;
  const version = semver.coerce(current);
  if (!version)
    return result(
      "error",
      `Sentry reports release "${current}", not a version number: check by hand that it is ${MINIMUM_SENTRY_VERSION} or later`,
    );
  if (semver.lt(version, MINIMUM_SENTRY_VERSION)) {
    const missing = VERSION_NEEDS.filter((need) => semver.lt(version, need.since)).map((need) => need.needs);
    return result(
      "finding",
      `Sentry ${current} is older than ${MINIMUM_SENTRY_VERSION}, the oldest release the design was checked against (it relies on ${listed(missing)}): upgrade self-hosted Sentry to ${MINIMUM_SENTRY_VERSION} or later`,
    );
  }
  return result("ok", `Sentry ${current}, at least ${MINIMUM_SENTRY_VERSION}`);
};

/** The scopes to create a token with: the narrowest scope of each need, once. */
export const scopesToGrant = (kind: TokenKind) => [
  ...new Set(SCOPE_NEEDS.filter((need) => kind === "deploy" || need.readOnly).map((need) => need.grant)),
];

export const checkTokenScopes: Check = async ({ sentry, tokenKind }) => {
  const index = await getApiIndex(sentry());
  if (!index.auth)
    return [
      {
        check: "token-scopes",
        status: "error",
        message: "Sentry did not authenticate the token (GET /api/0/ answered no `auth`): check SENTRY_AUTH_TOKEN",
      },
    ];
  const scopes = new Set(index.auth.scopes);
  const grant = scopesToGrant(tokenKind).join(", ");
  const results: CheckResult[] = SCOPE_NEEDS.filter((need) => tokenKind === "deploy" || need.readOnly)
    .filter((need) => !need.anyOf.some((scope) => scopes.has(scope)))
    .map((need) => ({
      check: "token-scopes",
      status: "finding",
      message: `the ${tokenKind} token cannot ${need.does}: it needs ${need.anyOf.length === 1 ? need.anyOf[0] : `one of ${need.anyOf.join(", ")}`}; create a user auth token with ${grant}`,
      source: need.source,
    }));
  if (tokenKind === "read-only") {
    const writes = [...scopes].filter((scope) => !isReadScope(scope)).sort();
    if (writes.length > 0)
      results.push({
        check: "token-scopes",
        status: "finding",
        message: `the read-only token can change the organization (${writes.join(", ")}): previews and drift checks only read, so a leaked token must not write; create one with ${grant} only`,
        source: ".github/workflows/preview.yml and drift.yml run `pulumi preview` only",
      });
  }
  if (results.length > 0) return results;
  return [{ check: "token-scopes", status: "ok", message: `the ${tokenKind} token has every scope the program needs` }];
};

export const checkTokenUser: Check = async ({ sentry, organization, tokenKind, mentions }) => {
  const client = sentry();
  const finding = (message: string, source: string): CheckResult => ({
    check: "token-user",
    status: "finding",
    message,
    source,
  });
  const { user } = await getApiIndex(client);
  if (!user)
    return [
      finding(
        "the token belongs to no user (an organization or internal-integration token): the program needs a user auth token of a dedicated account, since integration tokens cannot change org roles or remove members",
        "GS organization_member_utils.py@de5a89d8:190-223; organization_member_details.py@c5001730 `delete`",
      ),
    ];
  let me;
  try {
    me = await getMember(client, organization, "me");
  } catch (error) {
    if (!(error instanceof SentryApiError && error.status === 404)) throw error;
    return [
      finding(
        `the token's user ${user.email} is not a member of ${organization}: use a user auth token of a dedicated account that is a manager or owner of ${organization}`,
        "GS src/sentry/api/bases/organizationmember.py@c1fce28a:20-31",
      ),
    ];
  }
  const account = me.email;
  const results: CheckResult[] = [];
  if (!TOKEN_USER_ROLES.allowed.includes(me.orgRole))
    results.push(
      finding(
        `the token's account ${account} has the org role "${me.orgRole}": it must be ${TOKEN_USER_ROLES.allowed.join(" or ")}, to manage members and to see every team and project; change its role in Sentry (Settings > Members)`,
        TOKEN_USER_ROLES.source,
      ),
    );
  if (me.teams.length > 0)
    results.push(
      finding(
        `the token's account ${account} is in team(s) ${listed(me.teams)}, and receives their alerts: remove it from them in Sentry; Sentry adds it to every team it creates and the program takes it out again`,
        TEAM_CREATOR_SOURCE,
      ),
    );
  const addresses = new Set([account.toLowerCase(), user.email.toLowerCase()]);
  for (const mention of mentions.members.filter((m) => addresses.has(m.value)))
    results.push(
      finding(
        `${where(mention)}: ${mention.value} is the token's account: a team file must not list it (the program would change its own membership, which Sentry refuses for its role, and it would receive the team's alerts); remove it from this file, or deploy with another, dedicated account`,
        "GS src/sentry/core/endpoints/organization_member_details.py@c5001730:338-369",
      ),
    );
  if (tokenKind === "deploy") {
    const rank = (role: string) => TOKEN_USER_ROLES.ranked.indexOf(role);
    const listedInFiles = new Set(mentions.members.map((m) => m.value));
    const above = (await listMembers(client, organization))
      .filter((m) => listedInFiles.has(m.email.toLowerCase()) && rank(m.orgRole) > rank(me.orgRole))
      .map((m) => `${m.email} (${m.orgRole})`);
    if (above.length > 0)
      results.push(
        finding(
          `team files list ${listed(above)}, above the token's account's role "${me.orgRole}": Sentry refuses every member update the provider sends for them ("You do not have permission to set that org-level role"); deploy with an owner's token`,
          MEMBER_UPDATE_ROLE_SOURCE,
        ),
      );
  }
  if (results.length > 0) return results;
  return [
    {
      check: "token-user",
      status: "ok",
      message: `the token's account ${account} is a dedicated ${me.orgRole}: in no team, listed in no team file`,
    },
  ];
};

export const checkFeatures: Check = async ({ sentry, organization }) => {
  const client = sentry();
  const results: CheckResult[] = [];
  const turnOn = (flag: string) =>
    `turn it on in the instance's sentry/sentry.conf.py (SENTRY_FEATURES["${flag}"] = True), then restart Sentry`;
  // Where self-hosted turns flags on (getsentry/self-hosted sentry/sentry.conf.example.py@89a143f8:361-390).
  const source = (need: (typeof FEATURE_NEEDS)[number]) =>
    `${need.source}; getsentry/self-hosted sentry/sentry.conf.example.py@89a143f8:361-390`;
  const { features } = await getOrganization(client, organization);
  for (const need of FEATURE_NEEDS.filter((n) => n.scope === "organization" && !features.includes(n.listed)))
    results.push({
      check: "features",
      status: "finding",
      message: `${need.flag} is off for ${organization}: ${need.why}; ${turnOn(need.flag)}`,
      source: source(need),
    });
  const projectNeeds = FEATURE_NEEDS.filter((n) => n.scope === "project");
  const projects = await listProjects(client, organization);
  if (projects.length === 0)
    results.push({
      check: "features",
      status: "skipped",
      message: `${projectNeeds.map((n) => n.flag).join(", ")}: project features, not checked before ${organization} has a project`,
    });
  for (const need of projectNeeds) {
    const off = projects.filter((p) => !p.features.includes(need.listed)).map((p) => p.slug);
    if (off.length > 0)
      results.push({
        check: "features",
        status: "finding",
        message: `${need.flag} is off for ${off.length} of ${projects.length} projects (${listed(off)}): ${need.why}; ${turnOn(need.flag)}`,
        source: source(need),
      });
  }
  if (results.length > 0) return results;
  return [
    {
      check: "features",
      status: "ok",
      message: `${FEATURE_NEEDS.map((n) => n.flag).join(", ")} on (${projects.length} projects)`,
    },
  ];
};

const INSTALLATION_SOURCE =
  "GitHub REST reference, apps/installations: “List repositories accessible to the user access token”, “Remove a repository from an app installation”";
const EXACT_NAME_SOURCE =
  "terraform-provider-sentry v0.11.2 resource_sentry_organization_repository_github.go:129-141; integrations/terraform-provider-github github/resource_github_app_installation_repository.go@066f1c07 `resourceGithubAppInstallationRepositoryRead` (`r.GetName() == repoName`)";

/** `github-installation` and `repository-names`: both read each installation's repositories once. */
export const checkGithub: Check = async (context) => {
  const { github, policy, mentions, adoption, stack } = context;
  if (!github) {
    const message =
      "could not check: set GITHUB_TOKEN to the token the jobs give the GitHub provider (GH_WRITE_TOKEN for the deploy, GH_READ_TOKEN for previews: classic personal access tokens)";
    return [
      { check: "github-installation", status: "error", message },
      { check: "repository-names", status: "error", message },
    ];
  }
  const results: CheckResult[] = [];
  const listings = new Map<GithubIntegration, InstallationListing>();
  for (const integration of policy.github.integrations) {
    const label = `installation ${integration.installationId} on ${integration.owner}`;
    let listing: InstallationListing;
    try {
      listing = await github.installationRepositories(integration.installationId);
    } catch (error) {
      if (!(error instanceof GithubApiError) || ![403, 404].includes(error.status)) throw error;
      results.push({
        check: "github-installation",
        status: "finding",
        message: `GitHub answers ${error.status} for the repositories of ${label}: it does not exist, or GITHUB_TOKEN cannot manage it; check github.integrations in Pulumi.${stack}.yaml, and use a classic personal access token (scope repo) of an owner of ${integration.owner}: fine-grained and GitHub App tokens are refused there`,
        source: `${INSTALLATION_SOURCE}; integrations/terraform-provider-github#2103`,
      });
      continue;
    }
    listings.set(integration, listing);
    if (listing.selection === "all")
      results.push({
        check: "github-installation",
        status: "finding",
        message: `${label} gives the Sentry GitHub App all repositories, but the program manages a selection (one github.AppInstallationRepository per repository) and GitHub refuses to remove a repository from an “all repositories” installation (422), so removing one from the team files would fail the deploy: switch the installation to “Only select repositories” (github.com/organizations/${integration.owner}/settings/installations/${integration.installationId})`,
        source: INSTALLATION_SOURCE,
      });
    else
      results.push({
        check: "github-installation",
        status: "ok",
        message: `${label}: ${listing.repositories.length} selected repositories`,
      });
  }
  results.push(...(await repositoryNames(github, policy, mentions, adoption, listings, stack)));
  return results;
};

async function repositoryNames(
  github: GithubApi,
  policy: StackPolicy,
  mentions: TeamFileMentions,
  adoption: Adoption | undefined,
  listings: ReadonlyMap<GithubIntegration, InstallationListing>,
  stack: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const finding = (message: string): CheckResult => ({
    check: "repository-names",
    status: "finding",
    message,
    source: EXACT_NAME_SOURCE,
  });
  const canonical = new Map<string, string | undefined>();
  const notSelected = new Map<GithubIntegration, string[]>();
  for (const mention of mentions.repositories) {
    const [owner, name] = mention.value.split("/");
    const integration = policy.github.integrations.find((i) => i.owner.toLowerCase() === owner.toLowerCase());
    const listing = integration && listings.get(integration);
    if (!integration || !listing) continue;
    const key = `${integration.owner}/${name}`.toLowerCase();
    if (!canonical.has(key)) {
      const selected = listing.repositories.find((r) => r.full_name.toLowerCase() === key);
      const found = selected ?? (await github.repository(integration.owner, name));
      canonical.set(key, found?.full_name);
      if (found && !selected && listing.selection === "selected")
        notSelected.set(integration, [...(notSelected.get(integration) ?? []), found.full_name]);
    }
    const fullName = canonical.get(key);
    if (fullName === undefined)
      results.push(
        finding(
          `${where(mention)}: GitHub has no repository ${integration.owner}/${name} that GITHUB_TOKEN can see: correct the name, or remove it from the file`,
        ),
      );
    else if (fullName.split("/")[1] !== name)
      results.push(
        finding(
          `${where(mention)}: write "${owner}/${fullName.split("/")[1]}", as GitHub spells it, not "${mention.value}": Sentry's repository link and the installation entry are matched by exact name`,
        ),
      );
  }
  for (const [integration, listing] of listings) {
    const spelledOwner = listing.repositories[0]?.full_name.split("/")[0];
    if (spelledOwner !== undefined && spelledOwner !== integration.owner)
      results.push(
        finding(
          `Pulumi.${stack}.yaml: github.integrations owner "${integration.owner}" is spelled "${spelledOwner}" on GitHub: repository identifiers are built from it and matched by exact name`,
        ),
      );
    for (const [name, { installation: importId }] of adoption?.repositories ?? []) {
      if (importId === undefined) continue;
      const [installationId, repositoryName] = importId.split(":");
      if (installationId !== integration.installationId) continue;
      if (listing.repositories.some((r) => r.name === repositoryName)) continue;
      const other = listing.repositories.find((r) => r.name.toLowerCase() === repositoryName.toLowerCase());
      results.push(
        finding(
          `adoption.json imports ${importId} (${name}), but installation ${installationId} has no repository named exactly "${repositoryName}"${other ? ` (it has "${other.name}")` : ""}: the import would fail the first pulumi up; ${other ? "import it under GitHub's spelling" : `add it to the installation's selected repositories on GitHub (github.com/organizations/${integration.owner}/settings/installations/${installationId})`}`,
        ),
      );
    }
  }
  for (const [integration, names] of notSelected)
    results.push({
      check: "repository-names",
      status: "ok",
      message: `${names.length} repositories of the team files are not in installation ${integration.installationId} yet; the next pulumi up adds them: ${listed(names)}`,
    });
  if (!results.some((r) => r.status === "finding"))
    results.push({
      check: "repository-names",
      status: "ok",
      message: `${canonical.size} repositories of the team files, spelled as GitHub does`,
    });
  return results;
}
