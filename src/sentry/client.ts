// A small client for Sentry's management API, written for self-hosted sentry.incubateur.net.
// Bearer token (never printed, and cut out of whatever the server sends back), trailing-slash paths,
// `Link` pagination, bounded concurrency, retries with backoff on 429/5xx/network errors honouring
// Retry-After and X-Sentry-Rate-Limit-Reset, per-attempt timeouts, error bodies that are objects or
// bare strings. Against a hostile or broken server everything is bounded: pages (cursor cycles and
// endless pagination), response size (counted after decompression), the total time of the command
// (a deadline), and the wait a server may ask for; the first fatal error halts the client, so every
// request in flight or queued, and every backoff sleep, ends at once.
// The typed endpoints (src/sentry/api/) check each answer against its runtime schema.
// Dynamic providers load this module at run time (`require`, src/pulumi/dynamic/resources.ts), in
// Pulumi's provider host; it is not serialized, so its form is free (test/dynamic-providers-host.test.ts
// runs the stored providers in that host).

export interface SentryClientOptions {
  /** `https://host/api/` (the provider's `baseUrl`); `0/` is appended. */
  baseUrl: string;
  token: string;
  maxRetries?: number;
  /** Per attempt, headers and body included. */
  timeoutMs?: number;
  concurrency?: number;
  /** Longest wait between two attempts; a server asking for longer fails the command at once. */
  maxWaitMs?: number;
  /** Largest response body, counted after decompression. */
  maxResponseBytes?: number;
  /** Most pages one list may have. */
  maxPages?: number;
  /** When the whole command must be over (ms since the epoch); default 10 minutes after creation. */
  deadline?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
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

/** A response that is not what its endpoint's schema says: `detail` names the field. */
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
/** Answers a caller may handle (404 = gone, 400/409 = refused); anything else ends the command. */
const FATAL = (error: SentryApiError) =>
  !(error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status));

export class SentryClient {
  declare readonly baseUrl: string;
  declare readonly stats: RequestStats;
  /** Non-enumerable (see the constructor): not shown by console.log/util.inspect, not in JSON. */
  declare private readonly token: string;
  declare private readonly options: Required<Omit<SentryClientOptions, "baseUrl" | "token">>;
  declare private active: number;
  declare private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[];
  declare private readonly halting: AbortController;
  declare private halted: SentryApiError | undefined;

  constructor(options: SentryClientOptions) {
    if (!/^https?:\/\/[^/]+(\/.*)?\/api\/$/.test(options.baseUrl)) {
      throw new Error(`Sentry base URL must look like https://host/api/ (got ${options.baseUrl})`);
    }
    if (!options.token) throw new Error("no Sentry token: set SENTRY_AUTH_TOKEN");
    this.baseUrl = options.baseUrl;
    this.stats = { requests: 0, retries: 0 };
    this.active = 0;
    this.waiting = [];
    this.halting = new AbortController();
    this.halted = undefined;
    Object.defineProperty(this, "token", { value: options.token, enumerable: false });
    const now = options.now ?? (() => Date.now());
    this.options = {
      maxRetries: options.maxRetries ?? 5,
      timeoutMs: options.timeoutMs ?? 30_000,
      concurrency: options.concurrency ?? 8,
      maxWaitMs: options.maxWaitMs ?? 60_000,
      maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
      maxPages: options.maxPages ?? 1000,
      deadline: options.deadline ?? now() + 10 * 60_000,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep: options.sleep ?? abortableSleep,
      now,
    };
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, stats: this.stats };
  }

  /** Ends the command: every request in flight, queued or waiting fails with `error`, and so do later ones. */
  halt(error: SentryApiError): SentryApiError {
    if (!this.halted) {
      this.halted = error;
      this.halting.abort(error);
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    }
    return this.halted;
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

  /**
   * Every page of a list endpoint, following `Link: <…>; rel="next"; results="true"` (only the
   * cursor is taken from the link, never its URL); a cursor seen twice or more than `maxPages` pages
   * end the command.
   */
  async list<T = unknown>(path: string): Promise<T[]> {
    const items: T[] = [];
    await this.eachPage(path, (body, pagePath) => {
      if (!Array.isArray(body))
        throw this.halt(new SentryDataError("GET", pagePath, 200, `expected a list, got ${jsonTypeName(body)}`));
      items.push(...(body as T[]));
    });
    return items;
  }

  /**
   * Hands the body of every page of a paginated endpoint, whatever its shape, to `take`, in order, with
   * the bounds of `list`.
   */
  async eachPage(path: string, take: (body: unknown, pagePath: string) => void): Promise<void> {
    const seen = new Set<string>();
    let next = path;
    for (let pages = 1; ; pages++) {
      const page: { body: unknown; headers: Headers } = await this.request("GET", next);
      take(page.body, next);
      const cursor = nextCursor(page.headers.get("link"));
      if (cursor === undefined) return;
      if (seen.has(cursor))
        throw this.halt(
          new SentryDataError("GET", path, 200, `pagination loops: cursor "${this.clean(cursor, 60)}" came back`),
        );
      if (pages >= this.options.maxPages)
        throw this.halt(
          new SentryDataError("GET", path, 200, `more than ${this.options.maxPages} pages: endless pagination?`),
        );
      seen.add(cursor);
      next = withQuery(path, "cursor", cursor);
    }
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
        this.checkDeadline(method, path);
        this.stats.requests++;
        let response: Response;
        let text: string;
        try {
          const timeout = Math.min(this.options.timeoutMs, this.options.deadline - this.options.now());
          response = await this.options.fetch(url, {
            method,
            headers: {
              Authorization: `Bearer ${this.token}`,
              Accept: "application/json",
              ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
            redirect: "manual",
            signal: AbortSignal.any([this.halting.signal, AbortSignal.timeout(Math.max(1, timeout))]),
          });
          text = await this.readBody(response, method, path);
        } catch (error) {
          if (this.halted) throw this.halted;
          if (error instanceof SentryApiError) throw this.halt(error);
          if (attempt < this.options.maxRetries) {
            this.stats.retries++;
            await this.wait(this.backoff(attempt), method, path);
            continue;
          }
          throw this.halt(new SentryApiError(method, path, 0, this.failureReason(error)));
        }
        if (response.ok) {
          return {
            status: response.status,
            body: this.parseBody(text, method, path, response.status),
            headers: response.headers,
          };
        }
        if (RETRYABLE(response.status) && attempt < this.options.maxRetries) {
          this.stats.retries++;
          await this.wait(this.waitFor(response.headers, attempt, method, path), method, path);
          continue;
        }
        const error = new SentryApiError(method, path, response.status, this.clean(errorDetail(text, response.status)));
        throw FATAL(error) ? this.halt(error) : error;
      }
    } finally {
      this.release();
    }
  }

  /** The body as text, at most `maxResponseBytes` after decompression (a compression bomb stops there). */
  private async readBody(response: Response, method: string, path: string): Promise<string> {
    const cap = this.options.maxResponseBytes;
    const tooLarge = () =>
      new SentryApiError(method, path, response.status, `the answer is larger than ${cap} bytes: refused`);
    if (Number(response.headers.get("content-length") ?? 0) > cap) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body) return "";
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  private parseBody(text: string, method: string, path: string, status: number): unknown {
    if (text === "") return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw this.halt(
        new SentryDataError(
          method,
          path,
          status,
          text.trim().startsWith("<")
            ? `an HTML page instead of JSON (HTTP ${status}): check the base URL`
            : `a body that is not JSON (HTTP ${status})`,
        ),
      );
    }
  }

  private checkDeadline(method: string, path: string): void {
    if (this.halted) throw this.halted;
    if (this.options.now() >= this.options.deadline)
      throw this.halt(new SentryApiError(method, path, 0, "the command ran past its deadline: stopped"));
  }

  /** Sleeps before a retry, unless that would pass the deadline; a halt ends the sleep at once. */
  private async wait(ms: number, method: string, path: string): Promise<void> {
    if (this.options.now() + ms > this.options.deadline)
      throw this.halt(
        new SentryApiError(
          method,
          path,
          0,
          `waiting ${Math.ceil(ms / 1000)} s to retry would pass the command's deadline: stopped`,
        ),
      );
    try {
      await this.options.sleep(ms, this.halting.signal);
    } catch {
      // Only a halt interrupts a sleep.
    }
    if (this.halted) throw this.halted;
  }

  /** The wait Sentry asks for (Retry-After in seconds or as a date, else X-Sentry-Rate-Limit-Reset), or a backoff. */
  private waitFor(headers: Headers, attempt: number, method: string, path: string): number {
    const retryAfter = headers.get("retry-after")?.trim();
    const reset = headers.get("x-sentry-rate-limit-reset")?.trim();
    let asked: number | undefined;
    let source = "";
    if (retryAfter && /^\d+(\.\d+)?$/.test(retryAfter)) [asked, source] = [Number(retryAfter) * 1000, "Retry-After"];
    else if (retryAfter && !Number.isNaN(Date.parse(retryAfter)))
      [asked, source] = [Date.parse(retryAfter) - this.options.now(), "Retry-After"];
    else if (reset && /^\d+(\.\d+)?$/.test(reset))
      [asked, source] = [Number(reset) * 1000 - this.options.now(), "X-Sentry-Rate-Limit-Reset"];
    if (asked === undefined) return this.backoff(attempt);
    if (asked > this.options.maxWaitMs)
      throw this.halt(
        new SentryApiError(
          method,
          path,
          429,
          `Sentry asks to wait ${Math.ceil(asked / 1000)} s before retrying (${source}), longer than this command waits (${Math.round(this.options.maxWaitMs / 1000)} s): try again later`,
        ),
      );
    return Math.max(0, asked);
  }

  private backoff(attempt: number): number {
    const base = Math.min(500 * 2 ** attempt, this.options.maxWaitMs);
    return base / 2 + Math.random() * (base / 2);
  }

  /** Why an attempt got no answer, in one line; never throws whatever was thrown. */
  private failureReason(error: unknown): string {
    try {
      const name = (error as { name?: unknown })?.name;
      if (name === "TimeoutError" || (error as { cause?: { name?: unknown } })?.cause?.name === "TimeoutError")
        return `no answer within ${this.options.timeoutMs} ms`;
      return `network error (${this.clean(describeNetworkError(error), 120)})`;
    } catch {
      return "network error";
    }
  }

  /** Text from the server, made safe to print: the token cut out, control characters removed, bounded. */
  private clean(text: string, max = 300): string {
    const token = this.token;
    let safe = text;
    for (const form of new Set([token, encodeURIComponent(token)])) safe = safe.split(form).join("[token]");
    // eslint-disable-next-line no-control-regex
    safe = safe.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
    return safe.length > max ? `${safe.slice(0, max)}…` : safe;
  }

  private async acquire(): Promise<void> {
    if (this.halted) throw this.halted;
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.active--;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const stop = () => {
      for (const timer of timers) clearTimeout(timer);
      reject(signal.reason);
    };
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    timers.push(
      setTimeout(() => {
        signal.removeEventListener("abort", stop);
        resolve();
      }, ms),
    );
  });
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

/** Sentry error bodies: `{"detail": "..."}`, `{"detail": {"message": ...}}`, field maps, or bare JSON strings. Never throws. */
export function errorDetail(text: string, status: number): string {
  try {
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
            `${field}: ${Array.isArray(value) ? value.map(String).join(" ") : typeof value === "string" ? value : JSON.stringify(value)}`,
        )
        .join("; ");
    }
    if (Array.isArray(body)) return body.map(String).join(" ");
    return JSON.stringify(body);
  } catch {
    return `HTTP ${status}`;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const text = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return String(text);
}

/** The JSON type of a value, for messages (never the value: it may echo something secret). */
export function jsonTypeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
}

/**
 * Client from the environment: SENTRY_AUTH_TOKEN, the variable the deploy jobs set and the upstream Sentry
 * provider reads. Never SENTRY_TOKEN, which must not be set (src/pulumi/program.ts).
 */
export function sentryClientFromEnvironment(
  baseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  options: Omit<SentryClientOptions, "baseUrl" | "token"> = {},
): SentryClient {
  return new SentryClient({ ...options, baseUrl, token: env.SENTRY_AUTH_TOKEN ?? "" });
}
