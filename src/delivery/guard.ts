// The deletion guard: reads `pulumi preview --json --show-sames` and refuses a deployment that would
// delete, replace or stop managing a Sentry project or team (their events would be lost, or leave
// management), or remove more than a quarter of the organization's members at once (peribolos'
// --maximum-removal-delta). It fails closed: anything that is not a complete preview document, a
// failed preview, or an operation it does not know is refused.
//
// The document is pulumi/pulumi's `display.PreviewDigest` (sdk/go/common/display/json.go via
// pkg/backend/display/json.go@00d498e `ShowPreviewDigest`): `{config, steps[{op, urn, provider,
// oldState, newState, diffReasons, replaceReasons, detailedDiff}], diagnostics[{urn, message,
// severity}], duration, changeSummary}`. The root stack's step is always present; `same` steps
// only with --show-sames (pkg/backend/display/display.go@73a66f4 `shouldShow`); a replacement is
// one logical `replace` step unless --show-replacement-steps.
import { TYPES } from "../pulumi/names";
import { plainText } from "../i18n/escape";

export const GUARDED_TYPES: Record<string, string> = {
  [TYPES.project]: "Sentry project",
  [TYPES.team]: "Sentry team",
};
export const DEFAULT_MAX_MEMBER_REMOVAL = 0.25;
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Every step operation (sdk/go/common/apitype/history.go `OpType`), by what it does to an existing resource. */
const OPERATIONS = {
  keeps: ["same", "update", "refresh", "read", "import", "create"],
  removes: [
    "delete",
    "replace",
    "create-replacement",
    "delete-replaced",
    "read-replacement",
    "discard",
    "discard-replaced",
    "import-replacement",
    "remove-pending-replace",
  ],
} as const;
const REMOVING = new Set<string>(OPERATIONS.removes);
const KNOWN = new Set<string>([...OPERATIONS.keeps, ...OPERATIONS.removes]);
/** Operations on a resource that exists before the deployment. */
const EXISTING = new Set<string>(["same", "update", "refresh", ...OPERATIONS.removes]);

interface ResourceState {
  type?: string;
  retainOnDelete?: boolean;
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: ResourceState;
  newState?: ResourceState;
}

export interface PreviewDocument {
  steps: PreviewStep[];
  diagnostics: { message?: string; severity?: string; urn?: string }[];
}

export interface GuardResult {
  /** What the deployment would do that needs an explicit, reviewed allowance. */
  offenders: string[];
  removedMembers: number;
  existingMembers: number;
}

export class PreviewFormatError extends Error {}

const HOW = "produce it with `pulumi preview --json --show-sames`";

/** `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`: the last type and the name. */
export function typeOfUrn(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}
export const nameOfUrn = (urn: string) => urn.split("::").slice(3).join("::");

const typeOf = (step: PreviewStep) => step.newState?.type ?? step.oldState?.type ?? typeOfUrn(step.urn);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function parsePreview(text: string): PreviewDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new PreviewFormatError(`the preview file is not JSON: ${HOW}`);
  }
  if (!isObject(document)) throw new PreviewFormatError(`the preview file is not a preview document: ${HOW}`);
  const { steps, diagnostics = [] } = document;
  if (
    !Array.isArray(steps) ||
    steps.some((s) => !isObject(s) || typeof s.op !== "string" || typeof s.urn !== "string") ||
    !Array.isArray(diagnostics)
  ) {
    throw new PreviewFormatError(`the preview file has no valid \`steps\` list: ${HOW}`);
  }
  if (!steps.some((s) => typeOfUrn(s.urn) === ROOT_STACK_TYPE)) {
    throw new PreviewFormatError(
      `the preview file has no step for the stack itself, so it is not a whole preview: ${HOW}`,
    );
  }
  // Neither can be allowed by a label: the guard cannot judge them.
  const failed = (diagnostics as PreviewDocument["diagnostics"]).filter((d) => d?.severity === "error");
  if (failed.length > 0) {
    throw new PreviewFormatError(`the preview failed (${failed.length} error(s)): nothing can be judged from it`);
  }
  const unknown = [...new Set((steps as PreviewStep[]).map((s) => s.op).filter((op) => !KNOWN.has(op)))];
  if (unknown.length > 0) {
    throw new PreviewFormatError(
      `unknown operation(s) ${unknown.map((op) => `"${plainText(op)}"`).join(", ")}: refused until the guard knows them`,
    );
  }
  return { steps: steps as PreviewStep[], diagnostics: diagnostics as PreviewDocument["diagnostics"] };
}

export interface GuardOptions {
  maxMemberRemoval?: number;
  /**
   * Members known to exist before the change (e.g. from the base branch's files), for a targeted
   * preview whose `same` steps cover only the targeted members. The larger count is used.
   */
  membersBefore?: number;
}

export function guardPreview(document: PreviewDocument, options: GuardOptions = {}): GuardResult {
  const maxMemberRemoval = options.maxMemberRemoval ?? DEFAULT_MAX_MEMBER_REMOVAL;
  const offenders: string[] = [];

  const seen = new Set<string>();
  const existingMembers = new Set<string>();
  const removedMembers = new Set<string>();
  for (const step of document.steps) {
    const type = typeOf(step);
    if (GUARDED_TYPES[type] && REMOVING.has(step.op) && !seen.has(step.urn)) {
      seen.add(step.urn);
      const verb =
        step.op === "delete" && step.oldState?.retainOnDelete
          ? "stop managing (retained in Sentry)"
          : step.op === "delete"
            ? "delete"
            : "replace";
      offenders.push(
        `would ${verb} ${GUARDED_TYPES[type]} "${plainText(nameOfUrn(step.urn))}" (${plainText(step.urn)})`,
      );
    }
    if (type === TYPES.member) {
      if (EXISTING.has(step.op)) existingMembers.add(step.urn);
      if (REMOVING.has(step.op)) removedMembers.add(step.urn);
    }
  }
  const existing = Math.max(existingMembers.size, options.membersBefore ?? 0);
  const sames = document.steps.some((s) => s.op === "same" && typeOfUrn(s.urn) !== ROOT_STACK_TYPE);
  const ratio = existing === 0 ? 0 : removedMembers.size / existing;
  if (removedMembers.size > 0 && ratio > maxMemberRemoval) {
    offenders.push(
      `would remove ${removedMembers.size} of ${existing} organization members (${Math.round(ratio * 100)}%, more than ${Math.round(maxMemberRemoval * 100)}% at once): ${[
        ...removedMembers,
      ]
        .map((urn) => plainText(nameOfUrn(urn)))
        .sort()
        .join(", ")}${sames ? "" : ` (the preview shows no unchanged resource: was it made with --show-sames?)`}`,
    );
  }
  return { offenders, removedMembers: removedMembers.size, existingMembers: existing };
}
