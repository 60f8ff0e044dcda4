// Raw HTTP calls to a test emulator, for tests that check status codes, headers and bodies as sent.
import type { SentryEmulator } from "../../src/emulator/server";

export async function callEmulator(
  emulator: SentryEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${emulator.baseUrl}0/${path}`, {
    method,
    redirect: "manual",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
