// The deletion guard: reads `pulumi preview --json` and refuses a deployment that would delete or
// replace a Sentry project or team (their events would be lost, or leave management), or remove more
// than a quarter of the organization's members at once (peribolos' --maximum-removal-delta).

export const GUARDED_TYPES: Record<string, string> = {
  "sentry:index/sentryProject:SentryProject": "Sentry project",
  "sentry:index/sentryTeam:SentryTeam": "Sentry team",
};
export const MEMBER_TYPE = "sentry:index/sentryOrganizationMember:SentryOrganizationMember";
export const DEFAULT_MAX_MEMBER_REMOVAL = 0.25;

/** Operations that take a resource out of Sentry or out of management. */
const REMOVING = new Set([
  "delete",
  "delete-replaced",
  "discard",
  "discard-replaced",
  "replace",
  "create-replacement",
  "import-replacement",
  "read-replacement",
]);
/** Operations on a resource that exists before the deployment. */
const EXISTING = new Set(["same", "update", "refresh", "read", ...REMOVING]);

interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { type?: string };
  newState?: { type?: string };
}

export interface GuardResult {
  /** What the deployment would do that needs an explicit, reviewed allowance. */
  offenders: string[];
  removedMembers: number;
  existingMembers: number;
}

export class PreviewFormatError extends Error {}

function typeOf(step: PreviewStep): string {
  const fromState = step.newState?.type ?? step.oldState?.type;
  if (fromState) return fromState;
  // urn:pulumi:<stack>::<project>::<parent types$type>::<name>
  const typeChain = step.urn.split("::")[2] ?? "";
  return typeChain.split("$").pop() ?? "";
}

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

export function parsePreview(text: string): PreviewStep[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new PreviewFormatError("the preview file is not JSON: produce it with `pulumi preview --json`");
  }
  const steps = (document as { steps?: unknown })?.steps;
  if (steps === undefined) return [];
  if (!Array.isArray(steps) || steps.some((s) => typeof s?.op !== "string" || typeof s?.urn !== "string")) {
    throw new PreviewFormatError("the preview file has no valid `steps` list: produce it with `pulumi preview --json`");
  }
  return steps as PreviewStep[];
}

export function guardPreview(
  steps: readonly PreviewStep[],
  maxMemberRemoval = DEFAULT_MAX_MEMBER_REMOVAL,
): GuardResult {
  const offenders: string[] = [];
  const seen = new Set<string>();
  const existingMembers = new Set<string>();
  const removedMembers = new Set<string>();
  for (const step of steps) {
    const type = typeOf(step);
    if (GUARDED_TYPES[type] && REMOVING.has(step.op) && !seen.has(step.urn)) {
      seen.add(step.urn);
      const verb = step.op.includes("replace")
        ? "replace"
        : step.op.startsWith("discard")
          ? "stop managing (retained in Sentry)"
          : "delete";
      offenders.push(`would ${verb} ${GUARDED_TYPES[type]} "${nameOf(step.urn)}" (${step.urn})`);
    }
    if (type === MEMBER_TYPE) {
      if (EXISTING.has(step.op)) existingMembers.add(step.urn);
      if (step.op === "delete" || step.op === "discard") removedMembers.add(step.urn);
    }
  }
  // Steps may omit unchanged resources; counting fewer existing members only makes the guard stricter.
  const ratio = existingMembers.size === 0 ? 0 : removedMembers.size / existingMembers.size;
  if (removedMembers.size > 0 && ratio > maxMemberRemoval) {
    offenders.push(
      `would remove ${removedMembers.size} of ${existingMembers.size} organization members (${Math.round(ratio * 100)}%, more than ${Math.round(maxMemberRemoval * 100)}% at once): ${[...removedMembers].map(nameOf).sort().join(", ")}`,
    );
  }
  return { offenders, removedMembers: removedMembers.size, existingMembers: existingMembers.size };
}
