// Raw HTTP calls to a test emulator, for tests that check status codes, headers and bodies as sent,
// and an emulator whose tokens belong to members of each org role.
import { ALL_SCOPES, SentryEmulator, type EmulatorOptions } from "../../src/emulator/server";

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

/** User tokens of an owner, a manager and a member (e-mails `<role>@beta.gouv.fr`), and an integration token. */
export const TOKENS = {
  owner: "owner-token",
  manager: "manager-token",
  member: "member-token",
  integration: "integration-token",
} as const;
const MEMBER_SCOPES = ["org:read", "project:read", "team:read", "member:read", "member:invite", "alerts:read"];

export async function startEmulator(options: Partial<EmulatorOptions> = {}) {
  const emulator = new SentryEmulator({
    organization: "betagouv",
    tokens: {
      [TOKENS.owner]: { kind: "user", scopes: ALL_SCOPES, member: { email: "owner@beta.gouv.fr", orgRole: "owner" } },
      [TOKENS.manager]: {
        kind: "user",
        scopes: ALL_SCOPES,
        member: { email: "manager@beta.gouv.fr", orgRole: "manager" },
      },
      [TOKENS.member]: {
        kind: "user",
        scopes: MEMBER_SCOPES,
        member: { email: "member@beta.gouv.fr", orgRole: "member" },
      },
      [TOKENS.integration]: { kind: "integration", scopes: ALL_SCOPES },
    },
    ...options,
  });
  await emulator.listen();
  const member = (email: string) => emulator.state.memberByEmail(email)!;
  return {
    emulator,
    state: emulator.state,
    member,
    call: (token: string, method: string, path: string, body?: unknown) =>
      callEmulator(emulator, token, method, `${path.replace(/^\//, "")}`, body),
  };
}
