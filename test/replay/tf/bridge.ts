// What pulumi-terraform-bridge v3.95.0 (pkg/tfbridge/provider.go, af9ccb5a; the version pulumiverse/pulumi-sentry
// v0.0.9 builds with, provider/go.mod:11) does around an SDKv2 resource: inputs -> TF config (camelCase ->
// snake_case), Check with defaults and validation, Diff from the TF plan, Create/Update/Delete through the
// resource's functions with a ResourceData, Read for refresh and import (Importer, then Read), outputs.
import { InitError, unknownValue, type EngineProvider, type Props } from "../engine";
import { diffAttributes, proposedNew } from "./diff";
import { ResourceData, type TfState } from "./resource-data";
import { pulumiName, setList, type TfSchemaMap, type TfValue } from "./schema";

/** One resource of a Terraform provider, ported: its schema and CRUD functions over a client. */
export interface TfResource<Client> {
  /** Pulumi type token. */
  token: string;
  schema: TfSchemaMap;
  create(d: ResourceData, client: Client): Promise<void>;
  read(d: ResourceData, client: Client): Promise<void>;
  /** Absent for resources whose every input is ForceNew. */
  update?(d: ResourceData, client: Client): Promise<void>;
  delete(d: ResourceData, client: Client): Promise<void>;
  /** `Importer.StateContext`; `schema.ImportStatePassthroughContext` when absent. */
  importer?(d: ResourceData, client: Client): Promise<ResourceData[]>;
}

/** Pulumi property values -> TF attribute values, by schema (MakeTerraformConfig). */
export function toTerraform(schema: TfSchemaMap, props: Props): TfState {
  const state: TfState = {};
  for (const [key, attribute] of Object.entries(schema)) {
    const value = props[pulumiName(key)];
    if (value === undefined || value === null) continue;
    // An unknown value (preview) stays unknown: the plan marks it as computed.
    if (value === unknownValue) state[key] = unknownValue;
    else if (attribute.type === "map")
      state[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    else if (attribute.type === "list" && attribute.elem?.type === "map")
      state[key] = (value as Record<string, unknown>[]).map((m) =>
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])),
      );
    else if (attribute.type === "set") state[key] = setList((value as unknown[]).map(String));
    else state[key] = value as TfValue;
  }
  return state;
}

/** TF state -> Pulumi outputs (MakeTerraformResult): every attribute under its Pulumi name, plus `id`. */
export function toPulumi(schema: TfSchemaMap, id: string, state: TfState): Props {
  const props: Props = { id };
  for (const key of Object.keys(schema)) if (state[key] !== undefined) props[pulumiName(key)] = state[key];
  return props;
}

const isUnknown = (value: unknown): boolean =>
  value === unknownValue || (Array.isArray(value) ? value.some(isUnknown) : false);

export class BridgedProvider<Client> implements EngineProvider {
  private readonly byToken: Map<string, TfResource<Client>>;

  constructor(
    resources: TfResource<Client>[],
    private readonly client: Client,
  ) {
    this.byToken = new Map(resources.map((r) => [r.token, r]));
  }

  private resource(urn: string): TfResource<Client> {
    const type = urn.split("::")[2].split("$").pop()!;
    const resource = this.byToken.get(type);
    if (!resource) throw new Error(`unrecognized resource type: ${type}`);
    return resource;
  }

  /** provider.go:934-1085: validation on the config without defaults, then the inputs with TF defaults. */
  async check(urn: string, _olds: Props | undefined, news: Props): Promise<{ inputs: Props; failures: string[] }> {
    const { schema } = this.resource(urn);
    const config = toTerraform(schema, news);
    const failures: string[] = [];
    for (const [key, attribute] of Object.entries(schema)) {
      const value = config[key];
      if (attribute.required && (value === undefined || value === null)) {
        failures.push(`Missing required property '${pulumiName(key)}'`);
        continue;
      }
      if (value !== undefined && value !== null && attribute.validate && !isUnknown(value)) {
        const message = attribute.validate(value, key);
        if (message) failures.push(`${pulumiName(key)}: ${message}`);
      }
    }
    const inputs: Props = { ...news };
    for (const [key, attribute] of Object.entries(schema))
      if (attribute.default !== undefined && inputs[pulumiName(key)] === undefined)
        inputs[pulumiName(key)] = attribute.default;
    return { inputs, failures };
  }

  /** provider.go:1090-1284: the TF plan of state vs config; ForceNew attributes that change are replacements. */
  async diff(urn: string, _id: string, _oldInputs: Props, oldOutputs: Props, news: Props, ignoreChanges: string[]) {
    const { schema } = this.resource(urn);
    const prior = toTerraform(schema, oldOutputs);
    const config = toTerraform(schema, news);
    const planned = proposedNew(schema, prior, config);
    const diffs = diffAttributes(schema, prior, planned, config).filter(
      // newIgnoreChanges: a diff under an ignored top-level property is dropped.
      (d) => !ignoreChanges.includes(pulumiName(d.path.split(".")[0])),
    );
    const top = (path: string) => pulumiName(path.split(".")[0]);
    return {
      changes: diffs.length > 0,
      replaces: [...new Set(diffs.filter((d) => d.requiresNew).map((d) => top(d.path)))].sort(),
      deleteBeforeReplace: false,
      diffs: [...new Set(diffs.map((d) => top(d.path)))].sort(),
    };
  }

  /** provider.go:1288-1390: Create through the resource with a fresh ResourceData; a failure with an ID is partial. */
  async create(urn: string, news: Props, preview: boolean): Promise<{ id: string; outputs: Props }> {
    const resource = this.resource(urn);
    const planned = proposedNew(resource.schema, {}, toTerraform(resource.schema, news));
    if (preview) {
      const outputs = toPulumi(resource.schema, unknownValue, planned);
      for (const [key, attribute] of Object.entries(resource.schema))
        if (attribute.computed && planned[key] === undefined) outputs[pulumiName(key)] = unknownValue;
      return { id: "", outputs };
    }
    const d = new ResourceData(resource.schema, "", {}, planned);
    try {
      await resource.create(d, this.client);
    } catch (error) {
      if (d.id() === "") throw error;
      throw new InitError(d.id(), toPulumi(resource.schema, d.id(), d.state() ?? {}), [
        `creating ${urn}: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
    const state = d.state();
    if (!state) throw new Error(`expected non-empty ID for new state during Create of ${urn}`);
    return { id: d.id(), outputs: toPulumi(resource.schema, d.id(), state) };
  }

  /** provider.go:1395-1488: refresh from state, or import through the Importer then Read; inputs extracted. */
  async read(urn: string, id: string, oldInputs?: Props, oldOutputs?: Props) {
    const resource = this.resource(urn);
    const isRefresh = oldOutputs !== undefined && Object.keys(oldOutputs).length > 0;
    let d: ResourceData;
    if (isRefresh) {
      d = new ResourceData(resource.schema, id, toTerraform(resource.schema, oldOutputs));
    } else {
      // runTerraformImporter: the Importer gets an empty state holding only the ID.
      const imported = new ResourceData(resource.schema, id, {});
      const states = resource.importer ? await resource.importer(imported, this.client) : [imported];
      if (states.length === 0 || states[0].id() === "") return undefined;
      d = new ResourceData(resource.schema, states[0].id(), states[0].state() ?? {});
    }
    await resource.read(d, this.client);
    const state = d.state();
    if (!state) return undefined;
    const outputs = toPulumi(resource.schema, d.id(), state);
    return { id: d.id(), outputs, inputs: extractInputs(resource.schema, outputs, isRefresh ? oldInputs : undefined) };
  }

  /** provider.go:1591-1733: Update with the prior state and the planned values. */
  async update(urn: string, id: string, _oldInputs: Props, oldOutputs: Props, news: Props, preview: boolean) {
    const resource = this.resource(urn);
    const prior = toTerraform(resource.schema, oldOutputs);
    const planned = proposedNew(resource.schema, prior, toTerraform(resource.schema, news));
    if (preview) return toPulumi(resource.schema, id, { ...prior, ...planned });
    if (!resource.update) throw new Error(`internal: ${urn} has no Update: every change should replace it`);
    const d = new ResourceData(resource.schema, id, prior, planned);
    try {
      await resource.update(d, this.client);
    } catch (error) {
      throw new InitError(id, toPulumi(resource.schema, id, d.state() ?? prior), [
        `updating ${urn}: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
    const state = d.state();
    if (!state)
      throw new Error(
        `Resource provider reported that the resource did not exist while updating ${urn}.\n\nThis is usually a result of the resource having been deleted outside of Pulumi, and can often be fixed by running \`pulumi refresh\` before updating.`,
      );
    return toPulumi(resource.schema, d.id(), state);
  }

  async delete(urn: string, id: string, _oldInputs: Props, oldOutputs: Props): Promise<void> {
    const resource = this.resource(urn);
    await resource.delete(new ResourceData(resource.schema, id, toTerraform(resource.schema, oldOutputs)), this.client);
  }
}

/**
 * ExtractInputsFromOutputs (pkg/tfbridge/schema.go@v3.95.0:1808-1818): on refresh, the old inputs take the
 * values read for the keys they already have; on import, every Optional/Required attribute read, except
 * non-required ones at their default or zero value (schema.go:1774-1806).
 */
export function extractInputs(schema: TfSchemaMap, outputs: Props, oldInputs?: Props): Props {
  if (oldInputs) return extractRefreshed(oldInputs, outputs) as Props;
  const inputs: Props = {};
  for (const [key, attribute] of Object.entries(schema)) {
    if (!attribute.optional && !attribute.required) continue;
    const value = outputs[pulumiName(key)];
    if (value === undefined || value === null) continue;
    if (!attribute.required && isDefaultOrZero(value, attribute.default)) continue;
    inputs[pulumiName(key)] = value;
  }
  return inputs;
}

/** extractInputs (schema.go@v3.95.0:1529-1596): old shape, new values; arrays cut to the shorter length. */
function extractRefreshed(old: unknown, read: unknown): unknown {
  if (Array.isArray(old) && Array.isArray(read))
    return old.slice(0, Math.min(old.length, read.length)).map((v, i) => extractRefreshed(v, read[i]));
  if (isObject(old) && isObject(read))
    return Object.fromEntries(
      Object.entries(old)
        .filter(([k]) => k in read)
        .map(([k, v]) => [k, extractRefreshed(v, read[k])]),
    );
  return read;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isDefaultOrZero(value: unknown, defaultValue: TfValue | undefined): boolean {
  if (defaultValue !== undefined) return value === defaultValue;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length === 0;
  return value === "" || value === 0 || value === false;
}
