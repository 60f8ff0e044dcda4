// The nightly drift check: a refreshed preview of the whole stack, read with `--show-sames`. Real
// drift (someone changed Sentry or GitHub by hand, or a change failed half-way) is told apart from
// what pending invitations are expected to change:
// - `MemberUser` asks Sentry again while the person has not joined, and reports a change once they
//   have (src/pulumi/dynamic/member-user.ts `diff`), then the rules notifying them switch from the
//   team to the person (`actions` only);
// - the provider reads `pending` and `expired` on each member (terraform-provider-sentry v0.11.2
//   resource_sentry_organization_member.go:125-126); Sentry drops expired invitations, so the next
//   `up` invites the person again, and their team roles follow;
// - a membership whose `until` day has come is no longer declared (src/model/organization.ts): the
//   person leaves the team, or the organization, their team roles follow, and the alerts that notified
//   them notify the team (`actions` of issue alerts, `triggers` of metric alerts).
import { TYPES } from "../pulumi/names";
import { markdownCode } from "../i18n/escape";
import { nameOfUrn, typeOfUrn, type PreviewDocument, type PreviewStep } from "./guard";

export interface DriftReport {
  drift: PreviewStep[];
  expected: PreviewStep[];
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const outputsOf = (step: PreviewStep) =>
  ((step.oldState as { outputs?: Record<string, unknown> } | undefined)?.outputs ?? {}) as Record<string, unknown>;

/** `ended`: addresses of the memberships the files end (`until` come), whose removal is expected. */
export function classifyDrift(document: PreviewDocument, ended: ReadonlySet<string> = new Set()): DriftReport {
  const changes = document.steps.filter((s) => s.op !== "same" && typeOfUrn(s.urn) !== ROOT_STACK_TYPE);
  const invited = new Set(
    document.steps
      .filter(
        (s) => typeOfUrn(s.urn) === TYPES.member && (outputsOf(s).pending === true || outputsOf(s).expired === true),
      )
      .map((s) => nameOfUrn(s.urn)),
  );
  const someoneJoined = changes.some((s) => typeOfUrn(s.urn) === TYPES.memberUser && s.op === "update");
  const endedOf = (name: string) => [...ended].some((email) => name === email || name.startsWith(`${email}/`));
  const onlyChanged = (step: PreviewStep, field: string) => {
    const reasons = (step as { diffReasons?: string[] }).diffReasons ?? [];
    return step.op === "update" && reasons.length > 0 && reasons.every((r) => r === field);
  };
  const isExpected = (step: PreviewStep): boolean => {
    const type = typeOfUrn(step.urn);
    const name = nameOfUrn(step.urn);
    if (type === TYPES.memberUser) return step.op === "update" || (step.op === "delete" && endedOf(name));
    if (type === TYPES.member)
      return (
        (invited.has(name) && (step.op === "create" || step.op === "update")) ||
        (endedOf(name) && (step.op === "update" || step.op === "delete"))
      );
    if (type === TYPES.memberTeamRoles)
      return [...invited].some((email) => name.startsWith(`${email}/`)) || endedOf(name);
    if (type === TYPES.issueAlert) return (someoneJoined || ended.size > 0) && onlyChanged(step, "actions");
    if (type === TYPES.metricAlert) return (someoneJoined || ended.size > 0) && onlyChanged(step, "triggers");
    return false;
  };
  return { drift: changes.filter((s) => !isExpected(s)), expected: changes.filter(isExpected) };
}

/** The body of the drift issue: each resource that drifted and how, escaped. */
export function driftIssueBody(report: DriftReport, runUrl: string): string {
  return [
    `The nightly refreshed preview found ${report.drift.length} change(s) that no merged file explains (hand-made changes in Sentry or GitHub, or a deployment that failed half-way). The next deploy (nightly at the latest) puts them back as the files say; if a change was wanted, write it in the team files.`,
    "",
    "| Operation | Type | Resource |",
    "|---|---|---|",
    ...report.drift.map(
      (s) =>
        `| ${s.op} | ${markdownCode(typeOfUrn(s.urn).split(":").pop() ?? "", { inTable: true })} | ${markdownCode(nameOfUrn(s.urn), { inTable: true })} |`,
    ),
    "",
    `${report.expected.length} expected change(s) of pending invitations and ended access were left out. Run: ${encodeURI(runUrl)}`,
  ].join("\n");
}
