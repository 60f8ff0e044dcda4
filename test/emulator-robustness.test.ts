// The emulator stays up: malformed requests get a 400 and never kill it, and its request log is bounded.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";

const TOKEN = "robust-token";
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN, maxBodyBytes: 1024, requestLogSize: 5 });
let port = 0;
beforeAll(async () => {
  await emulator.listen();
  port = Number(new URL(emulator.url).port);
});
afterAll(() => emulator.close());

/** Sends raw bytes, optionally closing the writing side early, and returns the status line. */
function raw(request: string, endEarly = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => resolve(answer.split("\r\n")[0]));
    socket.on("error", () => resolve(answer.split("\r\n")[0]));
    socket.write(request);
    if (endEarly) socket.end();
  });
}
const headers = (extra = "") =>
  `Host: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n${extra}`;

describe("malformed requests", () => {
  it.each<[string, string, boolean]>([
    ["a request line Node cannot parse", "GARBAGE\r\n\r\n", false],
    ["a target that is not a path", `GET http//[oops HTTP/1.1\r\n${headers()}\r\n`, false],
    [
      "a bad percent-encoding in a path segment",
      `GET /api/0/teams/betagouv/%E0%A4%A/ HTTP/1.1\r\n${headers()}Connection: close\r\n\r\n`,
      false,
    ],
    [
      "a body cut short (Content-Length larger than what is sent)",
      `POST /api/0/organizations/betagouv/teams/ HTTP/1.1\r\n${headers("Content-Length: 100\r\n")}\r\n{"slug":`,
      true,
    ],
    [
      "bad JSON",
      `POST /api/0/organizations/betagouv/teams/ HTTP/1.1\r\n${headers("Content-Length: 9\r\nConnection: close\r\n")}\r\n{"slug":}`,
      false,
    ],
    [
      "JSON that is not an object",
      `POST /api/0/organizations/betagouv/teams/ HTTP/1.1\r\n${headers("Content-Length: 5\r\nConnection: close\r\n")}\r\n[1,2]`,
      false,
    ],
    [
      "a body over the cap",
      `POST /api/0/organizations/betagouv/teams/ HTTP/1.1\r\n${headers("Content-Length: 4000\r\nConnection: close\r\n")}\r\n${"x".repeat(4000)}`,
      false,
    ],
  ])("%s gets a 400, and the emulator still answers", async (_label, request, endEarly) => {
    const status = await raw(request, endEarly);
    // A body cut short closes the connection before any answer can be read; the others get a 400.
    if (!endEarly) expect(status).toBe("HTTP/1.1 400 Bad Request");
    const after = await fetch(`${emulator.baseUrl}0/organizations/betagouv/`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(after.status).toBe(200);
  });

  it.each<[string, string, unknown]>([
    ["bad JSON", '{"slug":', { detail: "JSON parse error" }],
    ["a list", "[1]", { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] }],
  ])("answers %s with Sentry's parse error", async (_label, body, answer) => {
    const response = await fetch(`${emulator.baseUrl}0/organizations/betagouv/teams/`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(answer);
  });
});

describe("the request log", () => {
  it("keeps the last requests only", async () => {
    for (let i = 0; i < 12; i++)
      await fetch(`${emulator.baseUrl}0/teams/betagouv/t${i}/`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(emulator.requests.map((r) => r.path)).toEqual([7, 8, 9, 10, 11].map((i) => `/api/0/teams/betagouv/t${i}/`));
  });
});
