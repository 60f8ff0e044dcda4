// Access that ends, played through the lifecycle replay (the real program, the engine's steps, provider
// v0.11.2's code paths, the Sentry emulator): nobody edits the file, the clock passes midnight in Paris,
// and the next run removes the access; the deletion guard counts that removal like any other.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { guardPreview } from "../src/delivery/guard";
import { TYPES } from "../src/pulumi/names";
import type { DeploymentResult } from "./replay/engine";
import { startWorld, type World } from "./replay/world";

const TEAMS = {
  "alpha.yaml": `name: Alpha
members:
  - handle: lea.durand
    until: 2026-06-30
  - handle: sacha.bernard
    teamRole: admin
    until: 2026-06-30
  - paul.martin
projects:
  - slug: alpha-api
    platform: python-django
    alerts:
      - name: Nouvelle erreur
        when: [new-issue]
        notify: [{ member: lea.durand }]
`,
  "beta.yaml": `name: Beta
members:
  - sacha.bernard
  - nina.petit
`,
};

// 23:00 and 00:30 in Paris (UTC+2 in summer), the evening before and the night of lea.durand's last day.
const EVENING = new Date("2026-06-29T21:00:00Z");
const NIGHT = new Date("2026-06-29T22:30:00Z");

/** The replay's steps in the shape of `pulumi preview --json --show-sames` that the guard reads. */
const previewDocument = (result: DeploymentResult) => ({
  steps: result.steps.map((s) => ({ op: s.op, urn: s.urn })),
  diagnostics: [],
});
const changes = (result: DeploymentResult) =>
  result.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.type.split("/").pop()} ${s.name}`);

describe.sequential("an access that ends, without a file edit", () => {
  let world: World;
  const member = (email: string) => [...world.sentry.state.members.values()].find((m) => m.email === email);
  const teamId = (slug: string) => world.sentry.state.teamBySlug(slug)!.id;

  beforeAll(async () => {
    // Only Date is faked: the engine, the provider host and the emulator keep their real timers.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(EVENING);
    world = await startWorld();
    world.writeTeams(TEAMS);
    const first = await world.up();
    if (!first.ok) throw new Error(`the first up failed: ${first.errors.join("\n")}`);
  }, 60_000);
  afterAll(async () => {
    await world.close();
    vi.useRealTimers();
  });

  it("the evening before, in Paris, everyone keeps their access", async () => {
    expect(member("lea.durand@beta.gouv.fr")!.teamRoles.has(teamId("alpha"))).toBe(true);
    expect(changes(await world.preview())).toEqual([]);
  });

  it("after midnight in Paris the preview removes them, and the guard counts the removal from the organization", async () => {
    vi.setSystemTime(NIGHT);
    const preview = await world.preview();
    expect(preview.errors).toEqual([]);
    const removed = preview.steps.filter((s) => s.op === "delete" && s.type === TYPES.member).map((s) => s.name);
    // sacha.bernard stays in Beta: only lea.durand leaves the organization (1 of 4 members).
    expect(removed).toEqual(["lea.durand@beta.gouv.fr"]);
    expect(guardPreview(previewDocument(preview))).toMatchObject({ removedMembers: 1, existingMembers: 4 });
    expect(guardPreview(previewDocument(preview)).offenders).toEqual([]);
    // The same removal against a tighter cap is refused like any other.
    expect(guardPreview(previewDocument(preview), { maxMemberRemoval: 0.2 }).offenders).toEqual([
      "would remove 1 of 4 organization members (25%, more than 20% at once): lea.durand@beta.gouv.fr",
    ]);
  });

  it("the deploy removes the access in Sentry; the rule that notified the person notifies the team", async () => {
    const result = await world.up();
    expect(result.errors).toEqual([]);
    expect(member("lea.durand@beta.gouv.fr")).toBeUndefined();
    const sacha = member("sacha.bernard@beta.gouv.fr")!;
    expect(sacha.teamRoles.has(teamId("alpha"))).toBe(false);
    expect(sacha.teamRoles.has(teamId("beta"))).toBe(true);
    const rule = [...world.sentry.state.rules.values()].find((r) => r.name === "Nouvelle erreur")!;
    expect(rule.actions).toEqual([
      expect.objectContaining({ targetType: "Team", targetIdentifier: Number(teamId("alpha")) }),
    ]);
    expect(changes(await world.up())).toEqual([]);
  });
});
