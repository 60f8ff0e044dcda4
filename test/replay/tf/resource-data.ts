// schema.ResourceData as the provider's CRUD functions see it: reads go to what the function wrote
// (`d.Set`), then to the planned values of a create or update (config merged with prior state), then
// to the prior state; writes are checked against the schema like MapFieldWriter does
// (helper/schema/field_writer_map.go at 0c0bf0d6), so a value the schema cannot hold fails the call.
import { isZero, setList, zeroValue, type TfSchema, type TfSchemaMap, type TfValue } from "./schema";

export type TfState = Record<string, TfValue>;

export class ResourceData {
  private readonly written: TfState = {};
  private currentId: string;

  constructor(
    readonly schema: TfSchemaMap,
    id: string,
    /** Prior state (empty on create and on import). */
    private readonly prior: TfState,
    /** Planned values of a create or update; undefined for a read or delete. */
    private readonly planned?: TfState,
  ) {
    this.currentId = id;
  }

  id(): string {
    return this.currentId;
  }

  setId(id: string): void {
    this.currentId = id;
  }

  private schemaOf(key: string): TfSchema {
    const schema = this.schema[key];
    if (!schema) throw new Error(`Invalid address to set: []string{"${key}"}`);
    return schema;
  }

  private raw(key: string): TfValue | undefined {
    if (key in this.written) return this.written[key];
    if (this.planned && key in this.planned) return this.planned[key];
    return this.prior[key];
  }

  get(key: string): TfValue {
    const value = this.raw(key);
    return value === undefined || value === null ? zeroValue(this.schemaOf(key)) : value;
  }

  /** resource_data.go GetOk: the value, and whether it is set to something other than its zero value. */
  getOk(key: string): [TfValue, boolean] {
    const value = this.get(key);
    return [value, !isZero(value, this.schemaOf(key))];
  }

  /** GetChange: the prior value and the value the operation is applying. */
  getChange(key: string): [TfValue, TfValue] {
    const schema = this.schemaOf(key);
    const old = this.prior[key] ?? zeroValue(schema);
    return [old === null ? zeroValue(schema) : old, this.get(key)];
  }

  hasChange(key: string): boolean {
    const [o, n] = this.getChange(key);
    const schema = this.schemaOf(key);
    if (schema.type === "set") return JSON.stringify(setList(o as string[])) !== JSON.stringify(setList(n as string[]));
    return JSON.stringify(o) !== JSON.stringify(n);
  }

  /** d.Set: a Go value converted as the map field writer does, or the writer's error. */
  set(key: string, value: unknown): void {
    const schema = this.schemaOf(key);
    this.written[key] = convert(key, value, schema);
  }

  /** The state the operation leaves, as the SDK's `d.State()`: every attribute the layers hold. */
  state(): TfState | undefined {
    if (this.currentId === "") return undefined;
    const result: TfState = {};
    for (const key of Object.keys(this.schema)) {
      const value = this.raw(key);
      if (value !== undefined && value !== null) result[key] = value;
    }
    return result;
  }
}

/**
 * field_writer_map.go setPrimitive (240-283): `mapstructure.Decode` into bool/string/int. A Go
 * json.Number (go-sentry decodes with UseNumber, sentry.go:272) is a string to mapstructure, so JSON
 * numbers become their text; a JSON bool into a string, or an object into a primitive, is an error.
 */
function convert(key: string, value: unknown, schema: TfSchema): TfValue {
  if (value === undefined || value === null) return null;
  switch (schema.type) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
      throw new Error(
        `${key}: '' expected type 'string', got unconvertible type '${goTypeName(value)}', value: '${goValue(value)}'`,
      );
    case "int":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw new Error(
        `${key}: '' expected type 'int', got unconvertible type '${goTypeName(value)}', value: '${goValue(value)}'`,
      );
    case "bool":
      if (typeof value === "boolean") return value;
      throw new Error(
        `${key}: '' expected type 'bool', got unconvertible type '${goTypeName(value)}', value: '${goValue(value)}'`,
      );
    case "list":
    case "set": {
      if (!Array.isArray(value)) throw new Error(`${key}: should be a list`);
      const elem = schema.elem ?? { type: "string" };
      const items = value.map((v, i) => convert(`${key}.${i}`, v, elem));
      return schema.type === "set" ? setList(items as string[]) : items;
    }
    case "map": {
      // field_writer_map.go setMap (163-207).
      if (typeof value !== "object" || Array.isArray(value)) throw new Error(`${key}: must be a map`);
      const elem = schema.elem ?? { type: "string" };
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          // A nil element is written as "" (field_writer_map.go:246-250), which reads back as "".
          .map(([k, v]) => [k, v === null || v === undefined ? "" : convert(`${key}.${k}`, v, elem)] as const),
      );
    }
  }
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "object") return "map[string]interface {}";
  if (typeof value === "number") return "json.Number";
  return typeof value === "boolean" ? "bool" : typeof value;
}

function goValue(value: unknown): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
