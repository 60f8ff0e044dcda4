// Options shared by the commands that read a live organization (import, audit, checklist, preflight).
import { SentryClient } from "../sentry/client";
import type { StackPolicy } from "../stack/policy";
import { DEFAULT_STACK, readStackConfig } from "../stack/stack-file";
import { UsageError } from "./run";
import { stackOption } from "./team-options";

/** `https://host/` or `https://host/api/` -> `https://host/api/`. */
export function apiBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/api") ? `${trimmed}/` : `${trimmed}/api/`;
}

/** The instance and organization options: the stack's unless given, so that workflows name them nowhere. */
export const INSTANCE_OPTIONS = {
  url: { type: "string", value: "URL", help: "the Sentry instance (default: the stack's sentry:baseUrl)" },
  org: { type: "string", value: "ORG", help: "organization slug (default: the stack's organization)" },
  stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "policy of Pulumi.NAME.yaml" },
} as const;

export const LIVE_OPTIONS = {
  ...INSTANCE_OPTIONS,
  token: {
    type: "string",
    value: "TOKEN",
    help: "Sentry auth token; better given as SENTRY_AUTH_TOKEN (it then stays out of shell history)",
  },
} as const;

/** The stack's policy, with `--url` and `--org` or else the stack file's `sentry:baseUrl` and organization. */
export function liveInstance(
  values: { url?: string; org?: string; stack: string },
  projectDir = process.cwd(),
): { url: string; org: string; policy: StackPolicy } {
  const policy = stackOption(values.stack, projectDir);
  const configured = readStackConfig(values.stack, projectDir)["sentry:baseUrl"];
  const url = values.url ?? (typeof configured === "string" ? configured : undefined);
  if (!url) throw new UsageError(`Pulumi.${values.stack}.yaml has no sentry:baseUrl: pass --url URL`);
  return { url, org: values.org ?? policy.organization, policy };
}

export const TOKEN_NOTE =
  "Environment: SENTRY_AUTH_TOKEN, the Sentry token (when --token is not given); it is never printed.";

/** The API client for the instance's URL, with the token of `--token` or SENTRY_AUTH_TOKEN. */
export function liveClient(values: { url: string; token?: string }): SentryClient {
  const token = values.token ?? process.env.SENTRY_AUTH_TOKEN;
  if (!token) throw new UsageError("a token is required: --token TOKEN, or SENTRY_AUTH_TOKEN in the environment");
  return new SentryClient({ baseUrl: apiBaseUrl(values.url), token });
}
