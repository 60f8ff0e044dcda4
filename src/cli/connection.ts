// Options shared by the commands that read a live organization (import, audit).
import { SentryClient } from "../sentry/client";
import { DEFAULT_STACK } from "../stack/stack-file";
import { UsageError } from "./run";

/** `https://host/` or `https://host/api/` -> `https://host/api/`. */
export function apiBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/api") ? `${trimmed}/` : `${trimmed}/api/`;
}

export const LIVE_OPTIONS = {
  url: {
    type: "string",
    required: true,
    value: "URL",
    help: "the Sentry instance, e.g. https://sentry.incubateur.net",
  },
  token: {
    type: "string",
    value: "TOKEN",
    help: "Sentry auth token; better given as SENTRY_AUTH_TOKEN (it then stays out of shell history)",
  },
  org: { type: "string", required: true, value: "ORG", help: "organization slug, e.g. betagouv" },
  stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "policy of Pulumi.NAME.yaml" },
} as const;

export const TOKEN_NOTE =
  "Environment: SENTRY_AUTH_TOKEN, the Sentry token (when --token is not given); it is never printed.";

/** The API client for `--url`, with the token of `--token` or SENTRY_AUTH_TOKEN. */
export function liveClient(values: { url: string; token?: string }): SentryClient {
  const token = values.token ?? process.env.SENTRY_AUTH_TOKEN;
  if (!token) throw new UsageError("a token is required: --token TOKEN, or SENTRY_AUTH_TOKEN in the environment");
  return new SentryClient({ baseUrl: apiBaseUrl(values.url), token });
}
