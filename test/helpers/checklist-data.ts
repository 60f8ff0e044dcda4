// Hand-built checklist measurements for the rule and renderer tests.
import type { MeasuredProject, OrganizationMeasurements } from "../../src/checklist/measurements";

export const MEASURED_AT = "2026-03-31T12:00:00Z";
/** 30 days ending on the measurement day. */
export const DAYS = Array.from(
  { length: 30 },
  (_, i) => new Date(Date.parse("2026-03-02T00:00:00Z") + i * 86_400_000),
).map((d) => d.toISOString().slice(0, 10));

export const daily = (total: number, lastDay = DAYS.length - 1) => DAYS.map((_, i) => (i === lastDay ? total : 0));

/** A project that follows every rule; override what a case needs. */
export function healthyProject(overrides: Partial<MeasuredProject> = {}): MeasuredProject {
  return {
    slug: "demo-front",
    id: "101",
    dateCreated: "2025-06-01T10:00:00Z",
    firstEvent: "2025-06-02T10:00:00Z",
    teamIds: ["11"],
    errorsPerDay: daily(200),
    transactionsPerDay: daily(1000),
    errorsWithoutEnvironment: 0,
    errorsWithoutRelease: 0,
    personalData: { events: 0, emails: 0, ipAddresses: 0 },
    transactions: { accepted: 1000, rateLimited: 0, sampledOut: 9000 },
    alertRules: [{ name: "Nouvelle erreur", active: true, targets: [{ kind: "team", teamId: "11" }] }],
    usersWithAccess: ["501", "502"],
    ...overrides,
  };
}

export function organization(
  projects: MeasuredProject[],
  acceptedMembersByTeam: Record<string, number> = { "11": 2 },
): OrganizationMeasurements {
  return {
    organization: "betagouv",
    measuredAt: MEASURED_AT,
    days: DAYS,
    projects: new Map(projects.map((p) => [p.slug, p])),
    acceptedMembersByTeam: new Map(Object.entries(acceptedMembersByTeam)),
    warnings: [],
    requests: 0,
  };
}
