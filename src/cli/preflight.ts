// npm run preflight -- --url URL --org ORG [--token-kind deploy|read-only] [--dir teams] [--stack prod]
//                      [--format text|json] [--github-api URL]
// Checks, with GET requests only, that the live Sentry and GitHub are as the design assumes, and says what
// to fix. Tokens from the environment, as the jobs give them to the providers: SENTRY_AUTH_TOKEN, GITHUB_TOKEN.
// Exit 0 when everything holds, 1 with findings, 2 on usage or environment errors.
import { parseArgs } from "node:util";
import { readAdoption } from "../adoption/adoption";
import type { PreflightContext } from "../preflight/checks";
import { GithubApi } from "../preflight/github";
import { preflightExitCode, preflightJson, preflightText, runPreflight } from "../preflight/preflight";
import { TOKEN_KINDS, type TokenKind } from "../preflight/requirements";
import { teamFileMentions } from "../preflight/team-files";
import { SentryClient } from "../sentry/client";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { formatDiagnostics } from "../team-file/diagnostics";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { apiBaseUrl } from "./connection";
import { runCli, UsageError } from "./run";

const USAGE =
  "usage: npm run preflight -- --url URL --org ORG [--token-kind deploy|read-only] [--dir teams] [--stack prod] [--format text|json] [--github-api URL]";

const HELP = `${USAGE}

Checks the live instance, with GET requests only, for what the design assumes, and says what to fix:
the Sentry release, the token's scopes (--token-kind deploy: what pulumi up needs; read-only: what
previews and drift checks need, and nothing more), the token's account (a dedicated manager or owner,
in no team, in no team file), the feature flags the program relies on, the GitHub App installation
(selected repositories) and the spelling of every repository of the team files.

Environment: SENTRY_AUTH_TOKEN, the Sentry token to check, and GITHUB_TOKEN, as the jobs give them to the
providers (deploy: SENTRY_WRITE_TOKEN and GH_WRITE_TOKEN; read-only: SENTRY_READ_TOKEN and GH_READ_TOKEN);
GITHUB_API_URL (default https://api.github.com/), or --github-api.
Exit 0 when everything holds, 1 with findings, 2 on usage or environment errors (or a check that could
not run). See docs/ops.md, "Preflight".`;

/** An environment the preflight cannot run in (no token, invalid team files...): exit 2, no usage line. */
class EnvironmentError extends Error {}

function preflightContext(values: {
  url: string;
  org: string;
  tokenKind: TokenKind;
  dir: string;
  stack: string;
  githubApi: string;
}): PreflightContext {
  const token = process.env.SENTRY_AUTH_TOKEN;
  if (!token) throw new EnvironmentError("set SENTRY_AUTH_TOKEN to the Sentry token to check");
  let baseUrl: string;
  try {
    baseUrl = apiBaseUrl(new URL(values.url).href);
  } catch {
    throw new UsageError(
      `--url must be the instance's address, e.g. https://sentry.incubateur.net (got ${values.url})`,
    );
  }
  const policy = loadStackPolicy(values.stack, process.cwd());
  if (policy.organization !== values.org)
    throw new UsageError(
      `--org ${values.org} is not the organization of stack ${values.stack} (${policy.organization}): the team files describe that one`,
    );
  const files = readTeamDirectory(values.dir);
  const { teams, diagnostics } = validateTeamFiles(files, policy);
  if (diagnostics.length > 0)
    throw new EnvironmentError(
      `${diagnostics.length} error(s) in the team files of ${values.dir}; fix them first (npm run validate):\n${formatDiagnostics(diagnostics, "text", files.length, policy.language)}`,
    );
  const githubToken = process.env.GITHUB_TOKEN;
  return {
    organization: values.org,
    tokenKind: values.tokenKind,
    stack: values.stack,
    sentry: () => new SentryClient({ baseUrl, token, maxRetries: 2, deadline: Date.now() + 2 * 60_000 }),
    github: githubToken ? new GithubApi({ baseUrl: values.githubApi, token: githubToken }) : undefined,
    policy,
    mentions: teamFileMentions(files, teams),
    adoption: readAdoption(values.dir),
  };
}

runCli(USAGE, async () => {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      org: { type: "string" },
      "token-kind": { type: "string", default: "deploy" },
      dir: { type: "string", default: "teams" },
      stack: { type: "string", default: DEFAULT_STACK },
      format: { type: "string", default: "text" },
      "github-api": { type: "string", default: process.env.GITHUB_API_URL || "https://api.github.com/" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return { output: HELP, exitCode: 0 };
  if (!values.url || !values.org) throw new UsageError("--url URL and --org ORG are required");
  const tokenKind = values["token-kind"] as TokenKind;
  if (!TOKEN_KINDS.includes(tokenKind))
    throw new UsageError(`--token-kind must be ${TOKEN_KINDS.join(" or ")} (got ${tokenKind})`);
  if (values.format !== "text" && values.format !== "json")
    throw new UsageError(`--format must be text or json (got ${values.format})`);
  let context: PreflightContext;
  try {
    context = preflightContext({
      ...values,
      url: values.url,
      org: values.org,
      tokenKind,
      githubApi: values["github-api"],
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return { output: "", exitCode: 2 };
  }
  const report = await runPreflight(context);
  return {
    output: values.format === "json" ? preflightJson(report) : preflightText(report),
    exitCode: preflightExitCode(report),
  };
});
