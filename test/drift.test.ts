// The nightly drift check tells real drift from what pending invitations are expected to change.
import { describe, expect, it } from "vitest";
import { classifyDrift, driftIssueBody } from "../src/delivery/drift";
import type { PreviewStep } from "../src/delivery/guard";
import { TYPES } from "../src/pulumi/names";

const P = "urn:pulumi:prod::sentry-incubateur::";
const MEMBERS = `${P}sentry-incubateur:index:Members$`;
const urnOf = (type: string, name: string) => `${MEMBERS}${type}::${name}`;
const STACK: PreviewStep = { op: "same", urn: `${P}pulumi:pulumi:Stack::sentry-incubateur-prod` };
const member = (email: string, op: string, outputs: Record<string, unknown> = {}): PreviewStep => ({
  op,
  urn: urnOf(TYPES.member, email),
  oldState: { type: TYPES.member, outputs } as never,
});
const alert = (name: string, diffReasons: string[]) =>
  ({
    op: "update",
    urn: `${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$${TYPES.issueAlert}::${name}`,
    diffReasons,
  }) as PreviewStep;
const names = (steps: PreviewStep[]) => steps.map((s) => s.urn.split("::").pop());

describe("classifyDrift", () => {
  it.each([
    ["nothing changed", [member("a@x", "same")], [], []],
    [
      "a person joined: MemberUser and the rules that notify them switch",
      [
        { op: "update", urn: urnOf(TYPES.memberUser, "a@x/user") },
        alert("demo/alert/Pic", ["actions"]),
        member("a@x", "same"),
      ],
      [],
      ["a@x/user", "demo/alert/Pic"],
    ],
    [
      "a rule changed by hand is drift, even when someone joined",
      [{ op: "update", urn: urnOf(TYPES.memberUser, "a@x/user") }, alert("demo/alert/Pic", ["frequency", "actions"])],
      ["demo/alert/Pic"],
      ["a@x/user"],
    ],
    ["a rule's actions changed by hand, nobody joined", [alert("demo/alert/Pic", ["actions"])], ["demo/alert/Pic"], []],
    [
      "an expired invitation is invited again, with its team role",
      [
        member("a@x", "create", { pending: true, expired: true }),
        { op: "create", urn: urnOf(TYPES.memberTeamRoles, "a@x/team-roles") },
      ],
      [],
      ["a@x", "a@x/team-roles"],
    ],
    ["a member removed by hand", [member("b@x", "create", { pending: false })], ["b@x"], []],
    [
      "scrubbing turned off by hand",
      [{ op: "update", urn: `${P}a$${TYPES.projectGuardrails}::demo/guardrails` }],
      ["demo/guardrails"],
      [],
    ],
  ])("%s", (_label, steps, drift, expected) => {
    const report = classifyDrift({ steps: [STACK, ...(steps as PreviewStep[])], diagnostics: [] });
    expect(names(report.drift)).toEqual(drift);
    expect(names(report.expected)).toEqual(expected);
  });

  it("writes an issue body with inert names", () => {
    const body = driftIssueBody(
      { drift: [alert("demo/alert/<img src=x> @octocat | x", ["frequency"])], expected: [] },
      "https://github.com/x/y/actions/runs/1",
    );
    expect(body).toContain("| update | `SentryIssueAlert` | `demo/alert/<img src=x> @octocat \\| x` |");
  });
});

describe("access that ends", () => {
  const metricAlert = (name: string, diffReasons: string[]) =>
    ({ op: "update", urn: `${P}a$${TYPES.metricAlert}::${name}`, diffReasons }) as PreviewStep;
  const steps: PreviewStep[] = [
    STACK,
    member("a@x", "update"),
    member("b@x", "delete"),
    { op: "delete", urn: urnOf(TYPES.memberTeamRoles, "a@x/team-roles") },
    { op: "delete", urn: urnOf(TYPES.memberUser, "b@x/user") },
    alert("demo/alert/Pic", ["actions"]),
    metricAlert("demo/performance/0123456789ab", ["triggers"]),
    member("c@x", "update"),
    metricAlert("demo/performance/ba9876543210", ["triggers", "timeWindow"]),
  ];

  it("the changes of memberships the files end are expected, not drift", () => {
    const report = classifyDrift({ steps, diagnostics: [] }, new Set(["a@x", "b@x"]));
    expect(names(report.drift)).toEqual(["c@x", "demo/performance/ba9876543210"]);
    expect(names(report.expected)).toEqual([
      "a@x",
      "b@x",
      "a@x/team-roles",
      "b@x/user",
      "demo/alert/Pic",
      "demo/performance/0123456789ab",
    ]);
  });

  it("without an ended membership, the same changes are drift", () => {
    expect(classifyDrift({ steps, diagnostics: [] }).expected).toEqual([]);
  });
});
