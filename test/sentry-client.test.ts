// The Sentry API client against the emulator: pagination, retries on injected faults, error bodies,
// and a token that never shows.
import { createServer, type AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import {
  errorDetail,
  nextCursor,
  SentryApiError,
  SentryClient,
  sentryClientFromEnvironment,
} from "../src/sentry/client";

const TOKEN = "sntryu_client-test-secret";
let emulator: SentryEmulator;
let waits: number[];
const client = (options: Partial<ConstructorParameters<typeof SentryClient>[0]> = {}) =>
  new SentryClient({
    baseUrl: emulator.baseUrl,
    token: TOKEN,
    sleep: async (ms) => void waits.push(ms),
    now: () => 1_700_000_000_000,
    ...options,
  });

beforeAll(async () => {
  emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });
  for (let i = 0; i < 250; i++) emulator.state.createTeam(`team-${String(i).padStart(3, "0")}`, `Team ${i}`);
  const project = emulator.state.createProject(
    emulator.state.teamBySlug("team-000")!,
    "many-keys",
    "Many keys",
    null,
    false,
  );
  for (let i = 0; i < 24; i++) emulator.state.createKey(project, `key ${i}`);
  await emulator.listen();
});
afterAll(() => emulator.close());
beforeEach(() => {
  waits = [];
});

describe("the client of the dynamic providers, from the environment", () => {
  it("authenticates with SENTRY_AUTH_TOKEN", async () => {
    const fromEnvironment = sentryClientFromEnvironment(emulator.baseUrl, { SENTRY_AUTH_TOKEN: TOKEN });
    expect(await fromEnvironment.get("organizations/betagouv/")).toMatchObject({ slug: "betagouv" });
  });

  // SENTRY_TOKEN must never be set (src/pulumi/program.ts): the client does not fall back to it either.
  it.each([{}, { SENTRY_TOKEN: TOKEN }])("refuses to start without SENTRY_AUTH_TOKEN (%o)", (env) => {
    expect(() => sentryClientFromEnvironment(emulator.baseUrl, env)).toThrow(
      /^no Sentry token: set SENTRY_AUTH_TOKEN$/,
    );
  });
});

describe("pagination", () => {
  it("follows Link rel=next while results=true, across every page", async () => {
    const c = client();
    const teams = await c.list<{ slug: string }>("organizations/betagouv/teams/");
    expect(teams).toHaveLength(250);
    expect(new Set(teams.map((t) => t.slug)).size).toBe(250);
    expect(c.stats.requests).toBe(3);
  });

  it("pages keys 10 at a time", async () => {
    const c = client();
    expect(await c.list("projects/betagouv/many-keys/keys/")).toHaveLength(25);
    expect(c.stats.requests).toBe(3);
  });

  it.each([
    [null, undefined],
    [
      '<https://x/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://x/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"',
      "0:100:0",
    ],
    [
      '<https://x/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://x/?&cursor=0:100:0>; rel="next"; results="false"; cursor="0:100:0"',
      undefined,
    ],
  ])("nextCursor(%j) = %j", (link, cursor) => {
    expect(nextCursor(link)).toBe(cursor);
  });
});

describe("retries", () => {
  it("retries a 429, waiting as Retry-After says", async () => {
    emulator.injectFaults({ status: 429, times: 2, retryAfter: 3 });
    const c = client();
    expect(await c.get("organizations/betagouv/")).toMatchObject({ slug: "betagouv" });
    expect(waits).toEqual([3000, 3000]);
    expect(c.stats).toEqual({ requests: 3, retries: 2 });
  });

  it("without Retry-After, waits until X-Sentry-Rate-Limit-Reset", async () => {
    emulator.injectFaults({ status: 429, times: 1, rateLimitReset: 1_700_000_007 });
    await client().get("organizations/betagouv/");
    expect(waits).toEqual([7000]);
  });

  it("backs off exponentially on 5xx, then succeeds", async () => {
    emulator.injectFaults({ status: 503, times: 3 });
    await client().get("organizations/betagouv/");
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[2]).toBeGreaterThanOrEqual(1000);
    expect(waits[2]).toBeLessThanOrEqual(2000);
  });

  it("gives up after maxRetries with the last error", async () => {
    emulator.injectFaults({ status: 500, times: 3 });
    await expect(client({ maxRetries: 2 }).get("organizations/betagouv/")).rejects.toThrow(
      new SentryApiError("GET", "organizations/betagouv/", 500, "Internal Error"),
    );
    emulator.injectFaults({ status: 500, times: 0 });
  });

  it("times out a request that gets no answer, and retries it", async () => {
    const slow = new SentryEmulator({ organization: "betagouv", tokens: TOKEN, latencyMs: 300 });
    await slow.listen();
    try {
      const c = new SentryClient({
        baseUrl: slow.baseUrl,
        token: TOKEN,
        timeoutMs: 50,
        maxRetries: 1,
        sleep: async () => {},
      });
      await expect(c.get("organizations/betagouv/")).rejects.toThrow(
        "Sentry API GET organizations/betagouv/ failed: no answer within 50 ms",
      );
      expect(c.stats).toEqual({ requests: 2, retries: 1 });
    } finally {
      await slow.close();
    }
  });

  it("retries a refused connection, then reports it", async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const c = new SentryClient({
      baseUrl: `http://127.0.0.1:${port}/api/`,
      token: TOKEN,
      maxRetries: 2,
      sleep: async () => {},
    });
    await expect(c.get("organizations/betagouv/")).rejects.toThrow(/failed: network error \(ECONNREFUSED\)/);
    expect(c.stats.retries).toBe(2);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const slow = new SentryEmulator({ organization: "betagouv", tokens: TOKEN, latencyMs: 20 });
    await slow.listen();
    try {
      const c = new SentryClient({ baseUrl: slow.baseUrl, token: TOKEN, concurrency: 2 });
      await Promise.all(Array.from({ length: 6 }, () => c.get("organizations/betagouv/")));
      expect(slow.requests).toHaveLength(6);
      expect(slow.maxInFlight).toBe(2);
    } finally {
      await slow.close();
    }
  });
});

describe("errors", () => {
  it.each([
    [
      "401 with a wrong token",
      () => new SentryClient({ baseUrl: emulator.baseUrl, token: "wrong" }).get("organizations/betagouv/"),
      401,
      "Invalid token",
    ],
    [
      "404 on an unknown team",
      () => client().get("teams/betagouv/nope/"),
      404,
      "The requested resource does not exist",
    ],
    [
      "409 on a taken slug",
      () => client().post("organizations/betagouv/teams/", { slug: "team-001" }),
      409,
      "A team with this slug already exists.",
    ],
    [
      "400 field map",
      () => client().post("organizations/betagouv/teams/", {}),
      400,
      "non_field_errors: Name or slug is required",
    ],
    [
      "bare string body",
      () => client().post("organizations/betagouv/code-mappings/", { projectId: "1" }),
      400,
      "Missing param: integrationId",
    ],
  ])("%s becomes a clear message", async (_label, call, status, detail) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryApiError);
    expect((error as SentryApiError).status).toBe(status);
    expect((error as SentryApiError).detail).toBe(detail);
  });

  it("turns a plain-text 5xx body into a message", async () => {
    emulator.injectFaults({ status: 502, times: 1, plainBody: "<html>Bad Gateway</html>" });
    await expect(client({ maxRetries: 0 }).get("organizations/betagouv/")).rejects.toThrow(
      "unexpected HTML page (HTTP 502)",
    );
  });

  it.each([
    [
      '"You are attempting to use this endpoint too frequently"',
      "You are attempting to use this endpoint too frequently",
    ],
    ['{"detail": {"code": "x", "message": "Resource has been moved"}}', "Resource has been moved"],
    [
      '{"email": ["The user x is already a member"], "teams": ["Invalid teams"]}',
      "email: The user x is already a member; teams: Invalid teams",
    ],
    ["", "HTTP 500 with an empty body"],
  ])("errorDetail(%j)", (body, message) => {
    expect(errorDetail(body, 500)).toBe(message);
  });

  it("refuses paths without Sentry's trailing slash before sending them", async () => {
    await expect(client().get("organizations/betagouv")).rejects.toThrow('Sentry API paths end with "/"');
  });

  it("never shows the token: not in errors, logs or JSON", async () => {
    const c = new SentryClient({ baseUrl: emulator.baseUrl, token: TOKEN, maxRetries: 0 });
    const error = await c.get("teams/betagouv/nope/").catch((e: unknown) => e);
    for (const text of [
      String(error),
      inspect(error, { depth: 5 }),
      inspect(c, { depth: 5 }),
      JSON.stringify(c),
      JSON.stringify(error),
    ]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});
