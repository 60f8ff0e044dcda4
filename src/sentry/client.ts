// A small client for Sentry's management API, written for self-hosted sentry.incubateur.net.
// Bearer token (never printed), trailing-slash paths, `Link` pagination, bounded concurrency,
// retries with backoff on 429/5xx/network errors honouring Retry-After and X-Sentry-Rate-Limit-Reset,
// per-attempt timeouts, and error bodies that are objects or bare strings.
// The typed endpoints (src/sentry/api/) check each answer against its runtime schema; this transport
// only refuses bodies that are not JSON, or not a list where pages are expected.
// No npm imports, no `#private` members and no field initializers on purpose: Pulumi dynamic
// providers serialize this code by value, one function per method, where `#private` names are a syntax
// error and class-body initializers are lost (test/dynamic-providers-serialized.test.ts runs the
// serialized form). Every field is set in the constructor.

export interface SentryClientOptions {
  /** `https://host/api/` (the provider's `baseUrl`); `0/` is appended. */
  baseUrl: string;
  token: string;
  maxRetries?: number;
  timeoutMs?: number;
  concurrency?: number;
  /** Upper bound of one backoff wait. */
  maxWaitMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class SentryApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`Sentry API ${method} ${path} failed${status ? ` with HTTP ${status}` : ""}: ${detail}`);
    this.name = "SentryApiError";
  }
}

/** A response that is not what its endpoint's schema says: `field` names where. */
export class SentryDataError extends SentryApiError {
  constructor(method: string, path: string, status: number, detail: string) {
    super(method, path, status, detail);
    this.message = `Sentry API ${method} ${path} answered malformed data: ${detail}`;
    this.name = "SentryDataError";
  }
}

export interface RequestStats {
  requests: number;
  retries: number;
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

export class SentryClient {
  declare readonly baseUrl: string;
  declare readonly stats: RequestStats;
  /** Non-enumerable (see the constructor): not shown by console.log/util.inspect, not in JSON. */
  declare private readonly token: string;
  declare private readonly options: Required<Omit<SentryClientOptions, "baseUrl" | "token">>;
  declare private active: number;
  declare private readonly waiting: (() => void)[];

  constructor(options: SentryClientOptions) {
    if (!/^https?:\/\/[^/]+(\/.*)?\/api\/$/.test(options.baseUrl)) {
      throw new Error(`Sentry base URL must look like https://host/api/ (got ${options.baseUrl})`);
    }
    if (!options.token) throw new Error("no Sentry token: set SENTRY_AUTH_TOKEN (or SENTRY_TOKEN)");
    this.baseUrl = options.baseUrl;
    this.stats = { requests: 0, retries: 0 };
    this.active = 0;
    this.waiting = [];
    Object.defineProperty(this, "token", { value: options.token, enumerable: false });
    this.options = {
      maxRetries: options.maxRetries ?? 5,
      timeoutMs: options.timeoutMs ?? 30_000,
      concurrency: options.concurrency ?? 8,
      maxWaitMs: options.maxWaitMs ?? 60_000,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: options.now ?? (() => Date.now()),
    };
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, stats: this.stats };
  }

  async get<T = unknown>(path: string): Promise<T> {
    return (await this.request("GET", path)).body as T;
  }

  async post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return (await this.request("POST", path, body)).body as T;
  }

  async put<T = unknown>(path: string, body?: unknown): Promise<T> {
    return (await this.request("PUT", path, body)).body as T;
  }

  /** DELETE; a 404 counts as success (already gone), so deletes are idempotent. */
  async delete(path: string): Promise<void> {
    try {
      await this.request("DELETE", path);
    } catch (error) {
      if (!(error instanceof SentryApiError && error.status === 404)) throw error;
    }
  }

  /** Every page of a list endpoint, following `Link: <…>; rel="next"; results="true"`. */
  async list<T = unknown>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      const page: { body: unknown; headers: Headers } = await this.request("GET", next);
      if (!Array.isArray(page.body))
        throw new SentryDataError("GET", next, 200, `expected a list, got ${jsonTypeName(page.body)}`);
      items.push(...(page.body as T[]));
      const cursor = nextCursor(page.headers.get("link"));
      next = cursor === undefined ? undefined : withQuery(path, "cursor", cursor);
    }
    return items;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const route = path.split("?")[0];
    if (route !== "" && !route.endsWith("/")) throw new Error(`Sentry API paths end with "/": ${path}`);
    const url = `${this.baseUrl}0/${path.replace(/^\/+/, "")}`;
    await this.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        this.stats.requests++;
        let response: Response;
        try {
          response = await this.options.fetch(url, {
            method,
            headers: {
              Authorization: `Bearer ${this.token}`,
              Accept: "application/json",
              ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
            redirect: "manual",
            signal: AbortSignal.timeout(this.options.timeoutMs),
          });
        } catch (error) {
          if (attempt < this.options.maxRetries) {
            this.stats.retries++;
            await this.options.sleep(this.backoff(attempt));
            continue;
          }
          const reason =
            error instanceof Error && error.name === "TimeoutError"
              ? `no answer within ${this.options.timeoutMs} ms`
              : `network error (${describeNetworkError(error)})`;
          throw new SentryApiError(method, path, 0, reason);
        }
        const text = await response.text();
        if (response.ok) {
          return {
            status: response.status,
            body: parseBody(text, method, path, response.status),
            headers: response.headers,
          };
        }
        if (RETRYABLE(response.status) && attempt < this.options.maxRetries) {
          this.stats.retries++;
          await this.options.sleep(this.waitFor(response.headers, attempt));
          continue;
        }
        throw new SentryApiError(method, path, response.status, errorDetail(text, response.status));
      }
    } finally {
      this.release();
    }
  }

  private waitFor(headers: Headers, attempt: number): number {
    const retryAfter = headers.get("retry-after");
    if (retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim())) {
      return Math.min(Number(retryAfter) * 1000, this.options.maxWaitMs);
    }
    const reset = headers.get("x-sentry-rate-limit-reset");
    if (reset !== null && /^\d+(\.\d+)?$/.test(reset.trim())) {
      return Math.min(Math.max(0, Number(reset) * 1000 - this.options.now()), this.options.maxWaitMs);
    }
    return this.backoff(attempt);
  }

  private backoff(attempt: number): number {
    const base = Math.min(500 * 2 ** attempt, this.options.maxWaitMs);
    return base / 2 + Math.random() * (base / 2);
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function parseBody(text: string, method: string, path: string, status: number): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SentryDataError(
      method,
      path,
      status,
      text.trim().startsWith("<")
        ? `an HTML page instead of JSON (HTTP ${status}): check the base URL`
        : `a body that is not JSON (HTTP ${status})`,
    );
  }
}

/** The JSON type of a value, for messages (never the value: it may echo something secret). */
export function jsonTypeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
}

/** Cursor of the `rel="next"` entry when Sentry says it has results. */
export function nextCursor(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,\s*(?=<)/)) {
    const attributes = Object.fromEntries([...part.matchAll(/;\s*([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (attributes.rel === "next")
      return attributes.results === "true" && attributes.cursor ? attributes.cursor : undefined;
  }
  return undefined;
}

function withQuery(path: string, key: string, value: string): string {
  const [base, query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  params.set(key, value);
  return `${base}?${params.toString()}`;
}

/** Sentry error bodies: `{"detail": "..."}`, `{"detail": {"message": ...}}`, field maps, or bare JSON strings. */
export function errorDetail(text: string, status: number): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const plain = text.trim().slice(0, 300);
    return plain.startsWith("<")
      ? `unexpected HTML page (HTTP ${status}): check the base URL and that the token is accepted`
      : plain || `HTTP ${status} with an empty body`;
  }
  if (typeof body === "string") return body;
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const detail = record.detail;
    if (typeof detail === "string") return detail;
    if (detail && typeof detail === "object" && typeof (detail as { message?: unknown }).message === "string") {
      return (detail as { message: string }).message;
    }
    return Object.entries(record)
      .map(
        ([field, value]) =>
          `${field}: ${Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : JSON.stringify(value)}`,
      )
      .join("; ");
  }
  return JSON.stringify(body);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Client from the environment: SENTRY_AUTH_TOKEN (or SENTRY_TOKEN, the bridged provider's variable). */
export function sentryClientFromEnvironment(baseUrl: string, env: NodeJS.ProcessEnv = process.env): SentryClient {
  return new SentryClient({ baseUrl, token: env.SENTRY_AUTH_TOKEN ?? env.SENTRY_TOKEN ?? "" });
}
