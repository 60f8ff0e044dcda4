// The HTTP layer of go-sentry v2.2.0 (../shared/reference/go-sentry-v2.2.0/sentry.go), as the bridged
// provider uses it: requests relative to `<baseUrl>0/...`, JSON bodies, `Link` cursors, and errors
// that carry Go's rendering of the body. Of the provider's config.go, the retries of transport errors are
// ported; the 429 backoff and the concurrency semaphore are not (the emulator has no rate limits unless a
// test injects faults).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** sentry.go:295-305: `ErrorResponse`, printed as `METHOD URL: STATUS DETAIL`. */
export class SentryErrorResponse extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${method} ${url}: ${status} ${detail}`);
  }
}

/** Go's `%v` of a decoded JSON value (maps print as `map[k:v]` with sorted keys, slices as `[a b]`). */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goFormat(v)}`).join(" ")}]`;
  }
  return String(value);
}

/** errors.go:18-41: a map holding only a string `detail` gives it; anything else is printed with `%v`. */
function errorDetail(text: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    // errors.go:18-23 keeps a body that is not JSON as it is; an empty one is trimmed (sentry.go:352-354).
    return text.trim() === "" ? "" : text;
  }
  if (decoded !== null && typeof decoded === "object" && !Array.isArray(decoded)) {
    const map = decoded as Record<string, unknown>;
    if (Object.keys(map).length === 1 && typeof map.detail === "string") return map.detail;
  }
  return goFormat(decoded);
}

export interface GoSentryResponse<T> {
  status: number;
  body: T;
  /** sentry.go:207-212: the `next` cursor, only when Sentry says `results="true"`. */
  cursor: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  body?: Json;
}

/** `url:"cursor,omitempty"` and friends (go-querystring): empty values are left out unless told otherwise. */
export type Query = [key: string, value: string, keepEmpty?: boolean][];

/** retryablehttp's default RetryMax, used by the provider's client (config.go:33-44). */
const RETRY_MAX = 4;

export class GoSentryClient {
  /** Every request sent, in order: tests compare them with the Go code's sequence. */
  readonly calls: RecordedCall[] = [];

  constructor(
    /** sentry.go:107-123: `https://host/api/`, a trailing `/api/` added when missing. */
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async do<T>(
    method: string,
    path: string,
    options: { body?: Json; query?: Query } = {},
  ): Promise<GoSentryResponse<T>> {
    const query = (options.query ?? [])
      .filter(([, value, keepEmpty]) => keepEmpty || value !== "")
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&");
    const url = `${this.baseUrl}${path}${query ? `?${query}` : ""}`;
    this.calls.push({
      method,
      path: `${path}${query ? `?${query}` : ""}`,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    const response = await this.send(method, url, options.body);
    const text = await response.text();
    // sentry.go:342-372: any status outside 2xx is an error.
    if (response.status < 200 || response.status > 299)
      throw new SentryErrorResponse(method, url, response.status, errorDetail(text));
    return {
      status: response.status,
      // sentry.go:271-276: an empty body decodes to the zero value.
      body: (text ? JSON.parse(text) : undefined) as T,
      cursor: nextCursor(response.headers.get("link")),
    };
  }

  /** One request, retried on transport errors as retryablehttp does (config.go:33-44). */
  private async send(method: string, url: string, body: Json | undefined): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch(url, {
          method,
          signal: AbortSignal.timeout(30_000),
          // config.go:30: an oauth2 static token source, i.e. a bearer token.
          headers: {
            Authorization: `Bearer ${this.token}`,
            ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: "follow",
        });
      } catch (error) {
        if (attempt < RETRY_MAX) continue;
        // net/http's error for a transport failure: `Method "URL": cause`.
        const cause = (error as Error & { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        throw new Error(`${method[0]}${method.slice(1).toLowerCase()} "${url}": ${cause}`, { cause: error });
      }
    }
  }
}

function nextCursor(link: string | null): string {
  for (const part of (link ?? "").split(/,\s*(?=<)/)) {
    const attributes = Object.fromEntries([...part.matchAll(/;\s*([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (attributes.rel === "next" && attributes.results === "true") return attributes.cursor ?? "";
  }
  return "";
}

/** A 404 from Sentry: what `checkClientGet` (helpers.go:105-121) and the reads' own checks test for. */
export function isNotFound(error: unknown): boolean {
  return error instanceof SentryErrorResponse && error.status === 404;
}

/**
 * encoding/json into a Go `string` field: a JSON string, or the zero value for null or absent;
 * anything else fails the whole decode (`cannot unmarshal number into Go struct field`).
 */
export function goString(object: Record<string, unknown>, field: string, struct: string): string {
  const value = object[field];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string")
    throw new Error(`json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${field} of type string`);
  return value;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}
