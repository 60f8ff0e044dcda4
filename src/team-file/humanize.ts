// Schema errors -> one located instruction each. Ajv reports every failed branch of every union;
// this keeps the error of the branch the data is clearly meant to be, explains it with the rule the
// schema node names (`x-rule`), or a general rule, and recognizes a few common mistakes first so that
// they get one message instead of their cascade.
import Ajv, { type ErrorObject } from "ajv";
import type { PathSegment } from "./path";
import { alertFrequencyForm } from "./rules/alert-frequency-form";
import { duplicateItem } from "./rules/duplicate-item";
import { emptyValue } from "./rules/empty-value";
import { VALUE_RULES } from "./rules/index";
import { invalidValue } from "./rules/invalid-value";
import { missingKey } from "./rules/missing-key";
import { ORG_ROLE_KEYS } from "./rules/org-role-refused";
import { outOfRange } from "./rules/out-of-range";
import type { FileCheck } from "./rules/rule";
import { flow } from "./rules/show";
import { nearest } from "./rules/suggest";
import { tooLong } from "./rules/too-long";
import { unknownKey } from "./rules/unknown-key";
import { eachAlert, field, isRecord, list } from "./rules/values";
import { wrongType, type ExpectedType } from "./rules/wrong-type";
import { TeamFileSchema, type TeamFile } from "./schema";
import { inside } from "./where";

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: "x-rule", schemaType: "string" });
const checkSchema = ajv.compile<TeamFile>(TeamFileSchema);

type SchemaNode = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  required?: string[];
  properties?: Record<string, unknown>;
  "x-rule"?: string;
};

/** Whether the data matches the schema; reports every schema error on `file`, and returns the misspelt keys. */
export function checkTeamSchema(file: Omit<FileCheck, "misspelt">): { valid: boolean; misspelt: Set<string> } {
  const misspelt = new Set<string>();
  if (checkSchema(file.data)) return { valid: true, misspelt };
  const claimed = recognizeMistakes(file);
  const isClaimed = (path: string) => claimed.some((c) => path === c || path.startsWith(`${c}/`));
  for (const error of relevantErrors(checkSchema.errors ?? [])) {
    if (isClaimed(error.instancePath)) continue;
    if (error.keyword === "additionalProperties" && ORG_ROLE_KEYS.has(String(error.params.additionalProperty))) {
      continue;
    }
    report(file, error, misspelt);
  }
  return { valid: false, misspelt };
}

/**
 * `when: [events: 50, per: 15m]` reads as two triggers `{events: 50}` and `{per: 15m}`: one message
 * saying to use braces, instead of one error per half. Returns the instance paths it explained.
 */
function recognizeMistakes(file: Omit<FileCheck, "misspelt">): string[] {
  const claimed: string[] = [];
  eachAlert(file.data, (alert, path) => {
    const when = list(field(alert, "when"));
    for (let i = 0; i + 1 < when.length; i++) {
      const [count, per] = [when[i], when[i + 1]];
      const countKey = isRecord(count) && Object.keys(count).length === 1 ? Object.keys(count)[0] : undefined;
      if ((countKey === "events" || countKey === "users") && isRecord(per) && Object.keys(per).join() === "per") {
        const itemPath = [...path, "when", i];
        file.report(
          alertFrequencyForm,
          {
            subject: file.where([...path, "when"]),
            written: `${flow(count).slice(1, -1)}, ${flow(per).slice(1, -1)}`,
            meant: flow({ ...(count as Record<string, unknown>), ...(per as Record<string, unknown>) }),
          },
          itemPath,
        );
        claimed.push(pointer(itemPath), pointer([...path, "when", i + 1]));
        i++;
      }
    }
  });
  return claimed;
}

function pointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}

function report(file: Omit<FileCheck, "misspelt">, error: ErrorObject, misspelt: Set<string>): void {
  const path = pathOf(error.instancePath);
  const parent = error.parentSchema as SchemaNode | undefined;
  const subject = file.where(path);
  const value = error.data;
  const valueRule = parent?.["x-rule"] ? VALUE_RULES[parent["x-rule"]] : undefined;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const suggestion = nearest(key, allowed);
      if (path.length === 0 && suggestion && field(file.data, suggestion) === undefined) misspelt.add(suggestion);
      file.report(unknownKey, { key, inside: inside(file.data, path), suggestion, allowed }, path, key);
      return;
    }
    case "required":
      file.report(missingKey, { key: String(error.params.missingProperty), where: subject }, path);
      return;
    case "type":
      if (valueRule && (parent?.type === "string" || parent?.enum)) file.report(valueRule, { subject, value }, path);
      else file.report(wrongType, { subject, value, expected: String(error.params.type) as ExpectedType }, path);
      return;
    case "pattern":
    case "enum":
    case "const":
    case "anyOf":
    case "maxItems":
      file.report(valueRule ?? invalidValue, { subject, value }, path);
      return;
    case "uniqueItems": {
      const indexes = [Number(error.params.i), Number(error.params.j)].sort((a, b) => a - b);
      const [first, second] = indexes;
      file.report(duplicateItem, { subject, value: list(value)[second], first, second }, [...path, second]);
      return;
    }
    case "minItems":
    case "minLength":
      file.report(emptyValue, { subject, value }, path);
      return;
    case "maxLength":
      file.report(tooLong, { subject, value, limit: Number(error.params.limit) }, path);
      return;
    case "minimum":
    case "maximum":
      file.report(outOfRange, { subject, value, bound: error.keyword, limit: Number(error.params.limit) }, path);
      return;
    default:
      file.report(invalidValue, { subject, value }, path);
  }
}

/** Whether `data` has the shape a union branch is about (same type, its required keys present). */
function branchFits(branch: SchemaNode, data: unknown): boolean {
  if (branch.anyOf) return branch.anyOf.some((b) => branchFits(b, data));
  if (branch.const !== undefined) return typeof data === typeof branch.const;
  if (branch.type === "object") {
    return isRecord(data) && (branch.required ?? []).every((k) => Object.hasOwn(data, k));
  }
  if (branch.type === "integer") return typeof data === "number";
  return branch.type === undefined || typeof data === branch.type;
}

/**
 * With `allErrors`, a failed union reports the errors of every branch. Keep only those of the one
 * branch the data is clearly meant to be; when no single branch fits, keep the union's own error.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors.filter((e) => e.keyword === "anyOf").sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const under = (e: ErrorObject, union: ErrorObject, branch?: number) =>
    e !== union &&
    e.instancePath.startsWith(union.instancePath) &&
    e.schemaPath.startsWith(branch === undefined ? `${union.schemaPath}/` : `${union.schemaPath}/${branch}/`);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const branches = union.schema as SchemaNode[];
    const fitting = branches.map((b, i) => (branchFits(b, union.data) ? i : -1)).filter((i) => i >= 0);
    if (fitting.length === 1) {
      dropped.add(union);
      for (const e of errors) if (under(e, union) && !under(e, union, fitting[0])) dropped.add(e);
    } else {
      for (const e of errors) if (under(e, union)) dropped.add(e);
    }
  }
  // A value of the wrong type also fails an `enum` or `const` (they apply to any type): the type error says it once.
  const wrongType = new Set(errors.filter((e) => e.keyword === "type" && !dropped.has(e)).map((e) => e.instancePath));
  for (const e of errors)
    if ((e.keyword === "enum" || e.keyword === "const") && wrongType.has(e.instancePath)) dropped.add(e);
  return errors.filter((e) => !dropped.has(e));
}
