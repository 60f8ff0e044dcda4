// The parts of terraform-plugin-sdk v2's schema (pulumi's fork at 0c0bf0d6, the one pulumiverse/pulumi-sentry
// v0.0.9 builds with, provider/go.mod:7) that the ported resources use, and the value rules that go with them.
import { crc32 } from "node:zlib";

export type TfType = "string" | "int" | "bool" | "list" | "set" | "map";

export interface TfSchema {
  type: TfType;
  /** Element schema of a list, set or map; a map without one holds strings (schema.go, TypeMap). */
  elem?: TfSchema;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  forceNew?: boolean;
  /** `Default:` of the schema, applied by the bridge's Check (MakeTerraformInputs) when the input is absent. */
  default?: TfValue;
  /** `ValidateFunc`: an error message, or undefined when valid. */
  validate?: (value: TfValue, key: string) => string | undefined;
}

export type TfSchemaMap = Record<string, TfSchema>;

/** Values as the SDK hands them out from `d.Get`: sets come back as their `List()`. */
export type TfValue = string | number | boolean | TfValue[] | { [key: string]: TfValue } | null;

/** schema.go `ValueType.Zero()`: what `d.Get` returns for an unset attribute. */
export function zeroValue(schema: TfSchema): TfValue {
  switch (schema.type) {
    case "string":
      return "";
    case "int":
      return 0;
    case "bool":
      return false;
    case "list":
    case "set":
      return [];
    case "map":
      return {};
  }
}

/** resource_data.go GetOk: set and not the zero value. */
export function isZero(value: TfValue | undefined, schema: TfSchema): boolean {
  if (value === undefined || value === null) return true;
  return JSON.stringify(value) === JSON.stringify(zeroValue(schema));
}

/**
 * The hash code of a string in a set without its own `Set` func: HashSchema (set.go:44-50) serializes a
 * string as itself (serialize.go:13-31), then hashcode.String (internal/helper/hashcode/hashcode.go:17-27)
 * takes crc32 IEEE as a 64-bit int, which is never negative.
 */
export function hashString(value: string): number {
  return crc32(value);
}

/** set.go:102-109, 238-246 `List()`: elements in the order of their hash codes sorted *as strings*. */
export function setList(values: readonly string[]): string[] {
  const byCode = new Map<string, string>();
  for (const v of values) byCode.set(String(hashString(v)), v);
  return [...byCode.keys()].sort().map((code) => byCode.get(code)!);
}

/** validation.StringLenBetween: Go's `len`, i.e. bytes of UTF-8. */
export function stringLenBetween(min: number, max: number) {
  return (value: TfValue, key: string): string | undefined => {
    if (typeof value !== "string") return `expected type of ${key} to be string`;
    const length = Buffer.byteLength(value, "utf8");
    return length < min || length > max
      ? `expected length of ${key} to be in the range (${min} - ${max}), got ${value}`
      : undefined;
  };
}

/** validation.StringInSlice (case-sensitive). */
export function stringInSlice(valid: readonly string[]) {
  return (value: TfValue, key: string): string | undefined =>
    typeof value === "string" && valid.includes(value)
      ? undefined
      : `expected ${key} to be one of [${valid.join(" ")}], got ${String(value)}`;
}

/** The bridge's default name mapping (tfbridge TerraformToPulumiNameV2): snake_case -> camelCase. */
export function pulumiName(tfName: string): string {
  return tfName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function tfName(name: string, schema: TfSchemaMap): string | undefined {
  return Object.keys(schema).find((k) => pulumiName(k) === name);
}
