// Runs the checks one after the other (reproducible, and gentle with the instance) and renders the
// results: one line each in text, one document in JSON. Exit 0 when everything holds, 1 with findings,
// 2 when a check could not run (the answer is then incomplete).
import {
  checkFeatures,
  checkGithub,
  checkSentryVersion,
  checkTokenScopes,
  checkTokenUser,
  CHECKS,
  type Check,
  type CheckName,
  type CheckResult,
  type PreflightContext,
} from "./checks";
import { SentryApiError } from "../sentry/client";

/** Which checks a check function reports under, so that a failure says which ones could not run. */
const RUNS: readonly [Check, readonly CheckName[]][] = [
  [checkSentryVersion, ["sentry-version"]],
  [checkTokenScopes, ["token-scopes"]],
  [checkTokenUser, ["token-user"]],
  [checkFeatures, ["features"]],
  [checkGithub, ["github-installation", "repository-names"]],
];

export interface PreflightReport {
  organization: string;
  tokenKind: string;
  results: CheckResult[];
}

export async function runPreflight(context: PreflightContext): Promise<PreflightReport> {
  const results: CheckResult[] = [];
  for (const [check, names] of RUNS) {
    try {
      results.push(...(await check(context)));
    } catch (error) {
      results.push(...names.map((check) => failed(check, error)));
    }
  }
  results.sort((a, b) => CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check));
  return { organization: context.organization, tokenKind: context.tokenKind, results };
}

/**
 * A check that threw: a 403 from Sentry means the token lacks a scope, which `token-scopes` reports as a
 * finding, so the check is skipped; anything else means the instance could not be checked.
 */
function failed(check: CheckName, error: unknown): CheckResult {
  if (error instanceof SentryApiError && error.status === 403)
    return {
      check,
      status: "skipped",
      message: `not checked: Sentry refused ${error.method} ${error.path} (403), the token lacks a scope: see token-scopes`,
    };
  return {
    check,
    status: "error",
    message: `could not check: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export function preflightExitCode(report: PreflightReport): 0 | 1 | 2 {
  if (report.results.some((r) => r.status === "error")) return 2;
  return report.results.some((r) => r.status === "finding") ? 1 : 0;
}

const LABELS = { ok: "ok", skipped: "skip", finding: "FINDING", error: "ERROR" } as const;

export function preflightText(report: PreflightReport): string {
  const width = Math.max(...CHECKS.map((c) => c.length));
  const lines = report.results.map((r) => `${LABELS[r.status].padEnd(7)} ${r.check.padEnd(width)}  ${r.message}`);
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  const [findings, errors] = [count("finding"), count("error")];
  const verdict =
    errors > 0
      ? `${errors} check(s) could not run and ${findings} finding(s): the instance was not fully checked`
      : findings > 0
        ? `${findings} finding(s): fix them, then run the preflight again`
        : "everything the design assumes holds";
  return [
    `Preflight of ${report.organization} with the ${report.tokenKind} token (read-only: GET requests only)`,
    ...lines,
    verdict,
  ].join("\n");
}

export function preflightJson(report: PreflightReport): string {
  return JSON.stringify({ ...report, exitCode: preflightExitCode(report) }, null, 2);
}
