// The Sentry client against hostile or broken servers: one tiny node:http server per case. Every case
// ends in bounded time with one clear line, and nothing the server sends back can print the token.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { SentryApiError, SentryClient, type SentryClientOptions } from "../src/sentry/client";

const TOKEN = "sntryu_hostile-secret-0123456789";
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

/** A server answering with `handler`; `hits` counts the requests it got. */
async function hostile(handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void) {
  const state = { hits: 0 };
  const server = createServer((req, res) => handler(req, res, ++state.hits));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return {
    state,
    client: (options: Partial<SentryClientOptions> = {}) => new SentryClient({ baseUrl, token: TOKEN, ...options }),
  };
}
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const linked = (cursor: string) => ({
  link: `<http://elsewhere.invalid/?&cursor=${cursor}>; rel="next"; results="true"; cursor="${cursor}"`,
});
async function failure(call: () => Promise<unknown>): Promise<{ error: SentryApiError; ms: number }> {
  const started = Date.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SentryApiError);
  const message = (error as Error).message;
  for (const control of ["\n", "\r", "\u001b"]) expect(message).not.toContain(control);
  expect(message).not.toContain(TOKEN);
  return { error: error as SentryApiError, ms: Date.now() - started };
}

describe("bounded pages", () => {
  it.each<[string, (hit: number) => string, Partial<SentryClientOptions>, RegExp]>([
    ["a cursor that comes back", (hit) => ["a", "b", "a"][(hit - 1) % 3], {}, /pagination loops: cursor "a" came back/],
    ["a next page for ever", (hit) => `page-${hit}`, { maxPages: 5 }, /more than 5 pages: endless pagination\?/],
  ])("%s ends the list", async (_label, cursor, options, message) => {
    const { client, state } = await hostile((_req, res, hit) => json(res, 200, [{ id: hit }], linked(cursor(hit))));
    const { error } = await failure(() => client(options).list("organizations/x/teams/"));
    expect(error.message).toMatch(message);
    expect(state.hits).toBeLessThanOrEqual(5);
  });
});

describe("bounded response size", () => {
  const cap = 64 * 1024;
  it.each<[string, (res: ServerResponse) => void]>([
    ["a declared Content-Length over the cap", (res) => json(res, 200, "x".repeat(cap * 2))],
    [
      "a chunked body that never ends",
      (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => res.write("x".repeat(16 * 1024)), 1);
        res.on("close", () => clearInterval(timer));
      },
    ],
    [
      "a compression bomb (small on the wire, huge once decompressed)",
      (res) => {
        const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, " "));
        res.writeHead(200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": bomb.length,
        });
        res.end(bomb);
      },
    ],
  ])("%s is refused", async (_label, answer) => {
    const { client } = await hostile((_req, res) => answer(res));
    const { error, ms } = await failure(() => client({ maxResponseBytes: cap, maxRetries: 0 }).get("organizations/x/"));
    expect(error.message).toContain(`the answer is larger than ${cap} bytes: refused`);
    expect(ms).toBeLessThan(5000);
  });
});

describe("bounded time", () => {
  it("stops at the command's deadline when the server never answers", async () => {
    const { client } = await hostile(() => undefined);
    const { error, ms } = await failure(() =>
      client({ deadline: Date.now() + 300, timeoutMs: 60_000, maxRetries: 10 }).get("organizations/x/"),
    );
    expect(error.message).toMatch(/no answer within|deadline/);
    expect(ms).toBeLessThan(3000);
  });

  it("does not sleep past the deadline", async () => {
    const { client, state } = await hostile((_req, res) => json(res, 503, { detail: "busy" }, { "retry-after": "5" }));
    const { error, ms } = await failure(() => client({ deadline: Date.now() + 2000 }).get("organizations/x/"));
    expect(error.message).toContain("waiting 5 s to retry would pass the command's deadline: stopped");
    expect(ms).toBeLessThan(1000);
    expect(state.hits).toBe(1);
  });

  it.each<[string, string, string]>([
    [
      "Retry-After in seconds",
      "3600",
      "Sentry asks to wait 3600 s before retrying (Retry-After), longer than this command waits (60 s)",
    ],
    [
      "Retry-After as a date",
      new Date(Date.now() + 7200_000).toUTCString(),
      "s before retrying (Retry-After), longer than this command waits (60 s): try again later",
    ],
  ])("fails fast when Sentry asks to wait longer than the cap (%s)", async (_label, retryAfter, message) => {
    const { client, state } = await hostile((_req, res) => json(res, 429, "slow down", { "retry-after": retryAfter }));
    const { error, ms } = await failure(() => client().get("organizations/x/"));
    expect(error.message).toContain(message);
    expect(ms).toBeLessThan(1000);
    expect(state.hits).toBe(1);
  });
});

describe("the first fatal error ends the command at once", () => {
  it("aborts requests in flight, queued ones and their backoff sleeps (a 429 storm)", async () => {
    const { client, state } = await hostile((_req, res) => json(res, 429, "too many", { "retry-after": "0.3" }));
    const c = client({ maxRetries: 3, concurrency: 2 });
    const { ms } = await failure(() => Promise.all(Array.from({ length: 10 }, () => c.get("organizations/x/"))));
    // Without the halt: 5 waves of 4 attempts 0.3 s apart; with it, the first request's 4 attempts.
    expect(ms).toBeLessThan(2000);
    // A request already sent when the halt came may reach the server a moment later (a loaded machine):
    // let those land, then no request may start any more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hitsAtFailure = state.hits;
    expect(hitsAtFailure).toBeLessThanOrEqual(8);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(state.hits).toBe(hitsAtFailure);
    // Later requests of the halted client fail at once with the same error, without a request.
    await expect(c.get("organizations/x/teams/")).rejects.toThrow("failed with HTTP 429");
    expect(state.hits).toBe(hitsAtFailure);
  });

  it("keeps answers a caller may handle (404) from halting the client", async () => {
    const { client } = await hostile((req, res) =>
      req.url?.includes("gone") ? json(res, 404, { detail: "nope" }) : json(res, 200, { ok: true }),
    );
    const c = client();
    await expect(c.get("teams/x/gone/")).rejects.toThrow("HTTP 404");
    await expect(c.get("organizations/x/")).resolves.toEqual({ ok: true });
  });
});

describe("the error path never throws and never prints the token", () => {
  it.each<[string, (req: IncomingMessage, res: ServerResponse) => void, RegExp]>([
    [
      "a body that stalls after the headers (timeout while reading)",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
      },
      /failed: no answer within 200 ms$/,
    ],
    [
      "a connection reset in the middle of the body",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"a":');
        setTimeout(() => res.destroy(), 20);
      },
      /failed: network error \(/,
    ],
    [
      "the token echoed back in an error body",
      (req, res) => json(res, 401, { detail: `Invalid token ${req.headers.authorization?.slice(7)}` }),
      /failed with HTTP 401: Invalid token \[token\]$/,
    ],
    [
      "the token, newlines and terminal escapes in a plain-text 500",
      (req, res) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`boom\n\u001b[31m${req.headers.authorization}\u001b[0m\r\n::error::x`);
      },
      /failed with HTTP 500: boom \[31mBearer \[token\] \[0m ::error::x$/,
    ],
  ])("%s", async (_label, answer, message) => {
    const { client } = await hostile(answer);
    const { error } = await failure(() => client({ maxRetries: 0, timeoutMs: 200 }).get("organizations/x/"));
    expect(error.message).toMatch(message);
  });
});
