// Seeds what an organization's projects received over the last weeks, in the proportions a shared
// instance shows (field notes C2: most set environment, several send personal data or trace at 1.0,
// some projects are dormant), deterministically from a seed; and leaves a share of invitations pending.
import type { EmulatorState } from "./state";

export const PROFILES = [
  "healthy",
  "noEnvironment",
  "partialRelease",
  "noPerformance",
  "sampleRateOne",
  "rateLimited",
  "personalData",
  "dormant",
  "never",
] as const;
export type Profile = (typeof PROFILES)[number];

/** Share of projects per profile (sums to 1). */
const WEIGHTS: Record<Profile, number> = {
  healthy: 0.35,
  noEnvironment: 0.08,
  partialRelease: 0.1,
  noPerformance: 0.12,
  sampleRateOne: 0.08,
  rateLimited: 0.04,
  personalData: 0.05,
  dormant: 0.1,
  never: 0.08,
};

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TelemetrySeedOptions {
  /** Sentry's "now" (epoch ms). */
  now: number;
  seed?: number;
  /** Share of members whose invitation is still pending (no user: they receive nothing). */
  pendingShare?: number;
  /** Force a profile on some projects (by slug). */
  profiles?: Record<string, Profile>;
}

const day = (now: number, daysAgo: number) =>
  new Date(Math.floor(now / 86_400_000) * 86_400_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** Project slug -> the profile it was given. */
export function seedTelemetry(state: EmulatorState, options: TelemetrySeedOptions): Map<string, Profile> {
  const pick = random(options.seed ?? 1);
  const telemetry = state.telemetry;
  telemetry.now = options.now;
  for (const member of state.members.values()) if (pick() < (options.pendingShare ?? 0)) member.userId = null;
  const given = new Map<string, Profile>();
  for (const project of state.projects.values()) {
    let profile = options.profiles?.[project.slug];
    if (!profile) {
      let draw = pick();
      profile = PROFILES.find((p) => (draw -= WEIGHTS[p]) < 0) ?? "healthy";
    }
    given.set(project.slug, profile);
    if (profile === "never") continue;
    const recent = profile === "dormant" ? [45, 60] : [0, 29];
    const activeDays = 3 + Math.floor(pick() * 20);
    let accepted = 0;
    for (let i = 0; i < activeDays; i++) {
      const date = day(options.now, recent[0] + Math.floor(pick() * (recent[1] - recent[0] + 1)));
      const errors = 1 + Math.floor(pick() * 40);
      const leaks = profile === "personalData" ? 1 + Math.floor(pick() * 3) : 0;
      const withRelease = profile === "partialRelease" ? Math.floor(errors * 0.7) : errors;
      const traits = { hasEnvironment: profile !== "noEnvironment", userEmails: 0, userIps: 0 };
      if (withRelease > 0)
        telemetry.add(project.id, { day: date, type: "error", count: withRelease, hasRelease: true, ...traits });
      if (errors > withRelease)
        telemetry.add(project.id, {
          day: date,
          type: "error",
          count: errors - withRelease,
          hasRelease: false,
          ...traits,
        });
      if (leaks > 0)
        telemetry.add(project.id, {
          day: date,
          type: "error",
          count: leaks,
          hasRelease: true,
          ...traits,
          userEmails: 1,
          userIps: leaks,
        });
      if (profile !== "noPerformance") {
        const transactions = 50 + Math.floor(pick() * 400);
        accepted += transactions;
        telemetry.add(project.id, { day: date, type: "transaction", count: transactions, hasRelease: true, ...traits });
      }
    }
    if (profile === "dormant" || profile === "noPerformance") continue;
    if (profile !== "sampleRateOne")
      telemetry.drop(project.id, { outcome: "client_discard", reason: "sample_rate", quantity: accepted * 9 });
    if (profile === "rateLimited")
      telemetry.drop(project.id, {
        outcome: "rate_limited",
        reason: "key_quota",
        quantity: Math.ceil(accepted * 0.05),
      });
  }
  return given;
}
