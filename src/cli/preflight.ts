// npm run preflight -- [--url URL] [--org ORG] [--token-kind deploy|read-only] [--dir teams] [--stack prod]
//                      [--format text|json] [--github-api URL]
// Checks, with GET requests only, that the live Sentry and GitHub are as the design assumes, and says what
// to fix. Tokens from the environment, as the jobs give them to the providers: SENTRY_AUTH_TOKEN, GITHUB_TOKEN.
// Exit 0 when everything holds, 1 with findings, 2 on usage or environment errors.
import { readAdoption } from "../adoption/adoption";
import type { PreflightContext } from "../preflight/checks";
import { GithubApi } from "../preflight/github";
import { preflightExitCode, preflightJson, preflightText, runPreflight } from "../preflight/preflight";
import { TOKEN_KINDS, type TokenKind } from "../preflight/requirements";
import { teamFileMentions } from "../preflight/team-files";
import { SentryClient } from "../sentry/client";
import { formatDiagnostics } from "../team-file/diagnostics";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { apiBaseUrl, INSTANCE_OPTIONS, liveInstance } from "./connection";
import { command, UsageError } from "./run";

function preflightContext(values: {
  url?: string;
  org?: string;
  tokenKind: TokenKind;
  dir: string;
  stack: string;
  githubApi: string;
}): PreflightContext {
  const token = process.env.SENTRY_AUTH_TOKEN;
  if (!token) throw new Error("set SENTRY_AUTH_TOKEN to the Sentry token to check");
  const { url, org, policy } = liveInstance(values);
  let baseUrl: string;
  try {
    baseUrl = apiBaseUrl(new URL(url).href);
  } catch {
    throw new UsageError(`--url must be the instance's address, e.g. https://sentry.incubateur.net (got ${url})`);
  }
  if (policy.organization !== org)
    throw new UsageError(
      `--org ${org} is not the organization of stack ${values.stack} (${policy.organization}): the team files describe that one`,
    );
  const files = readTeamDirectory(values.dir);
  const { teams, diagnostics } = validateTeamFiles(files, policy);
  if (diagnostics.length > 0)
    throw new Error(
      `${diagnostics.length} error(s) in the team files of ${values.dir}; fix them first (npm run validate):\n${formatDiagnostics(diagnostics, "text", files.length, policy.language)}`,
    );
  const { adoption, diagnostics: adoptionErrors } = readAdoption(values.dir, teams, policy);
  if (adoptionErrors.length > 0)
    throw new Error(
      `${adoptionErrors.length} error(s) in ${values.dir}/adoption.json; fix them first:\n${formatDiagnostics(adoptionErrors, "text", 1, policy.language)}`,
    );
  const githubToken = process.env.GITHUB_TOKEN;
  return {
    organization: org,
    tokenKind: values.tokenKind,
    stack: values.stack,
    sentry: () => new SentryClient({ baseUrl, token, maxRetries: 2, deadline: Date.now() + 2 * 60_000 }),
    github: githubToken ? new GithubApi({ baseUrl: values.githubApi, token: githubToken }) : undefined,
    policy,
    mentions: teamFileMentions(files, teams),
    adoption,
  };
}

command({
  script: "preflight",
  summary:
    "Checks the live instance, with GET requests only, for what the design assumes, and says what to fix:\nthe Sentry release, the token's scopes (--token-kind deploy: what pulumi up needs; read-only: what\npreviews and drift checks need, and nothing more), the token's account (a dedicated manager or owner,\nin no team, in no team file), the feature flags the program relies on, the GitHub App installation\n(selected repositories) and the spelling of every repository of the team files.",
  options: {
    ...INSTANCE_OPTIONS,
    "token-kind": { type: "string", default: "deploy", choices: TOKEN_KINDS, help: "what the token is for" },
    dir: { type: "string", default: "teams", value: "DIR", help: "folder of team files (they must be valid)" },
    format: { type: "string", default: "text", choices: ["text", "json"], help: "text, or json on stdout" },
    "github-api": {
      type: "string",
      default: process.env.GITHUB_API_URL || "https://api.github.com/",
      value: "URL",
      help: "the GitHub API (GITHUB_API_URL)",
    },
  },
  notes:
    'Environment: SENTRY_AUTH_TOKEN, the Sentry token to check, and GITHUB_TOKEN, as the jobs give them to the\nproviders (deploy: SENTRY_WRITE_TOKEN and GH_WRITE_TOKEN; read-only: SENTRY_READ_TOKEN and GH_READ_TOKEN).\nA check that could not run (an unreachable server) makes the exit code 2, after the report.\nSee docs/ops.md, "Preflight".',
  exit: { ok: "everything holds", findings: "findings" },
  async run({ values }) {
    const context = preflightContext({
      ...values,
      tokenKind: values["token-kind"],
      githubApi: values["github-api"],
    });
    const report = await runPreflight(context);
    return {
      output: values.format === "json" ? preflightJson(report) : preflightText(report),
      exitCode: preflightExitCode(report),
    };
  },
});
