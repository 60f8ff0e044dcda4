// The plan of an SDKv2 resource as pulumi-terraform-bridge v3.95.0 computes it
// (pkg/tfshim/sdk-v2/provider_diff.go: proposedNew, then schema.Resource.SimpleDiff), i.e.
// helper/schema/schema.go (pulumi fork 0c0bf0d6) diffString 1538-1600, diffList 1164-1290,
// diffMap 1292-1402, diffSet 1404-1536. Values are compared as the SDK's flatmap strings.
import { setList, type TfSchema, type TfSchemaMap, type TfValue } from "./schema";
import type { TfState } from "./resource-data";

/** The unknown-value sentinel of Pulumi's RPC layer (runtime/rpc.js unknownValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface AttributeDiff {
  /** Flatmap path, e.g. `teams.#`, `conditions.0.id`, `name`. */
  path: string;
  old: string;
  new: string;
  requiresNew: boolean;
}

/**
 * plans/objchange ProposedNew for the attributes we port: what the configuration sets wins; an
 * attribute the configuration leaves out keeps its prior value when it is Computed (Optional+Computed
 * included), and is null otherwise.
 */
export function proposedNew(schema: TfSchemaMap, prior: TfState, config: TfState): TfState {
  const planned: TfState = {};
  for (const [key, attribute] of Object.entries(schema)) {
    const value = config[key];
    if (value !== undefined && value !== null) planned[key] = value;
    else if (attribute.computed && prior[key] !== undefined) planned[key] = prior[key];
  }
  return planned;
}

const flat = (value: TfValue | undefined): string =>
  value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

/** schemaMap.Diff over the top-level attributes, `config` being the planned state. */
export function diffAttributes(
  schema: TfSchemaMap,
  prior: TfState,
  planned: TfState,
  config: TfState,
): AttributeDiff[] {
  const diffs: AttributeDiff[] = [];
  for (const [key, attribute] of Object.entries(schema)) {
    if (!attribute.optional && !attribute.required) continue; // computed-only: the provider's to set
    diffValue(key, attribute, prior[key], planned[key], config[key] !== undefined && config[key] !== null, diffs);
  }
  return diffs;
}

function diffValue(
  key: string,
  schema: TfSchema,
  o: TfValue | undefined,
  n: TfValue | undefined,
  nSet: boolean,
  out: AttributeDiff[],
): void {
  const has = (v: TfValue | undefined) => v !== undefined && v !== null;
  // A value unknown until apply (preview) is a computed change (NewComputed).
  if (n === UNKNOWN) {
    out.push({ path: key, old: flat(o), new: UNKNOWN, requiresNew: !!schema.forceNew });
    return;
  }
  switch (schema.type) {
    case "string":
    case "int":
    case "bool": {
      // diffString: compared as strings (mapstructure.WeakDecode), so 30 and "30" are equal.
      const os = flat(o);
      const ns = flat(n);
      if (os === ns) return;
      const removed = has(o) && !has(n);
      if (removed && schema.computed) return;
      out.push({ path: key, old: os, new: ns, requiresNew: !!schema.forceNew });
      return;
    }
    case "list": {
      // diffList: an unset computed list keeps its value; equal lists have no diff.
      if (has(o) && !has(n) && schema.computed) return;
      const os = (o ?? []) as TfValue[];
      const ns = (n ?? []) as TfValue[];
      if (nSet && JSON.stringify(os) === JSON.stringify(ns)) return;
      if (os.length !== ns.length)
        out.push({ path: `${key}.#`, old: String(os.length), new: String(ns.length), requiresNew: !!schema.forceNew });
      const elem = { ...(schema.elem ?? { type: "string" as const }), forceNew: schema.forceNew };
      for (let i = 0; i < Math.max(os.length, ns.length); i++)
        diffValue(`${key}.${i}`, elem, os[i], ns[i], ns[i] !== undefined, out);
      return;
    }
    case "map": {
      // diffMap: key by key, values as strings; an absent computed map keeps its value.
      const om = (o ?? {}) as Record<string, TfValue>;
      const nm = (n ?? {}) as Record<string, TfValue>;
      const oldLen = Object.keys(om).length;
      const newLen = Object.keys(nm).length;
      if (oldLen !== newLen && !(oldLen !== 0 && newLen === 0 && schema.computed))
        out.push({ path: `${key}.%`, old: String(oldLen), new: String(newLen), requiresNew: !!schema.forceNew });
      if (!has(n) && schema.computed) return;
      for (const [k, v] of Object.entries(nm)) {
        if (k in om && flat(om[k]) === flat(v)) continue;
        out.push({ path: `${key}.${k}`, old: flat(om[k]), new: flat(v), requiresNew: !!schema.forceNew });
      }
      for (const [k, v] of Object.entries(om))
        if (!(k in nm)) out.push({ path: `${key}.${k}`, old: flat(v), new: "", requiresNew: !!schema.forceNew });
      return;
    }
    case "set": {
      // diffSet: compared by hash codes, so order does not matter.
      if (has(o) && !has(n) && schema.computed) return;
      const os = setList(((o ?? []) as TfValue[]).map(String));
      const ns = setList(((n ?? []) as TfValue[]).map(String));
      if (nSet && JSON.stringify(os) === JSON.stringify(ns)) return;
      if (os.length !== ns.length)
        out.push({ path: `${key}.#`, old: String(os.length), new: String(ns.length), requiresNew: !!schema.forceNew });
      for (const v of os)
        if (!ns.includes(v)) out.push({ path: `${key}.${v}`, old: v, new: "", requiresNew: !!schema.forceNew });
      for (const v of ns)
        if (!os.includes(v)) out.push({ path: `${key}.${v}`, old: "", new: v, requiresNew: !!schema.forceNew });
      return;
    }
  }
}
