// Options shared by the commands that read a live organization (import, audit).
import { parseArgs } from "node:util";
import { SentryClient } from "../sentry/client";
import { DEFAULT_STACK } from "../stack/stack-file";
import { UsageError } from "./run";

/** `https://host/` or `https://host/api/` -> `https://host/api/`. */
export function apiBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/api") ? `${trimmed}/` : `${trimmed}/api/`;
}

export function liveConnection() {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      token: { type: "string" },
      org: { type: "string" },
      out: { type: "string" },
      dir: { type: "string", default: "teams" },
      stack: { type: "string", default: DEFAULT_STACK },
      format: { type: "string", default: "text" },
    },
    strict: true,
  });
  // The token may come from SENTRY_AUTH_TOKEN instead: it then stays out of shell history.
  const token = values.token ?? process.env.SENTRY_AUTH_TOKEN;
  if (!values.url || !values.org) throw new UsageError("--url URL and --org ORG are required");
  if (!token) throw new UsageError("a token is required: --token TOKEN, or SENTRY_AUTH_TOKEN in the environment");
  return {
    values: { ...values, org: values.org },
    client: new SentryClient({ baseUrl: apiBaseUrl(values.url), token }),
  };
}
