// The bridge and SDK rules the replay ports: the TF plan (Optional+Computed keeps its prior value, sets
// ignore order, lists do not, values compare as strings), ResourceData writes, import inputs, followShape.
import { describe, expect, it } from "vitest";
import { followShape } from "./replay/sentry/resources";
import { extractInputs, BridgedProvider, type TfResource } from "./replay/tf/bridge";
import { diffAttributes, proposedNew } from "./replay/tf/diff";
import { ResourceData, type TfState } from "./replay/tf/resource-data";
import { setList, stringLenBetween, type TfSchemaMap } from "./replay/tf/schema";

const schema: TfSchemaMap = {
  name: { type: "string", required: true },
  environment: { type: "string", optional: true, computed: true },
  note: { type: "string", optional: true },
  frequency: { type: "int", required: true },
  key: { type: "string", required: true, forceNew: true },
  teams: { type: "set", elem: { type: "string" }, optional: true },
  members: { type: "list", elem: { type: "string" }, optional: true },
  config: { type: "map", optional: true },
  internal_id: { type: "string", computed: true },
};

const prior = {
  name: "a",
  environment: "production",
  note: "n",
  frequency: 30,
  key: "k",
  teams: ["x", "y"],
  members: ["m1", "m2"],
  config: { urls: "u" },
  internal_id: "7",
};

describe("TF plan as the bridge computes it", () => {
  it.each([
    ["nothing changed", {}, []],
    ["an Optional+Computed attribute left out keeps its prior value", { environment: undefined }, []],
    ["an Optional attribute left out is removed", { note: undefined }, ["note"]],
    ["numbers compare as strings", { frequency: "30" }, []],
    ["a set in another order is the same set", { teams: ["y", "x"] }, []],
    ["a list in another order differs", { members: ["m2", "m1"] }, ["members.0", "members.1"]],
    ["a map value that changes", { config: { urls: "v" } }, ["config.urls"]],
    ["a computed-only attribute is the provider's", { internal_id: "8" }, []],
  ])("%s", (_case, change, paths) => {
    const config = { ...prior, ...change } as unknown as TfState;
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete config[k];
    delete config.internal_id;
    const planned = proposedNew(schema, prior, config);
    expect(diffAttributes(schema, prior, planned, config).map((d) => d.path)).toEqual(paths);
  });

  it("marks a ForceNew change as a replacement", () => {
    const config = { ...prior, key: "other" };
    const diffs = diffAttributes(schema, prior, proposedNew(schema, prior, config), config);
    expect(diffs).toEqual([{ path: "key", old: "k", new: "other", requiresNew: true }]);
  });
});

describe("ResourceData", () => {
  it("refuses a JSON bool in a map of strings, as mapstructure does", () => {
    const d = new ResourceData({ conditions: { type: "list", elem: { type: "map" }, required: true } }, "1", {});
    expect(() => d.set("conditions", [{ id: "x", include: true }])).toThrow(
      "conditions.0.include: '' expected type 'string', got unconvertible type 'bool', value: 'true'",
    );
  });

  it("writes JSON numbers into strings, and a null map element as an empty string", () => {
    const d = new ResourceData({ conditions: { type: "list", elem: { type: "map" }, required: true } }, "1", {});
    d.set("conditions", [{ value: 100, interval: null }]);
    expect(d.get("conditions")).toEqual([{ value: "100", interval: "" }]);
  });

  it("orders a set by its hash codes sorted as strings, not as written", () => {
    expect(setList(["b", "a"])).toEqual(setList(["a", "b"]));
  });
});

describe("validation", () => {
  it("counts the length of a name in bytes (validation.StringLenBetween)", () => {
    const validate = stringLenBetween(1, 64);
    expect(validate("é".repeat(32), "name")).toBeUndefined();
    expect(validate("é".repeat(33), "name")).toBe(
      `expected length of name to be in the range (1 - 64), got ${"é".repeat(33)}`,
    );
  });
});

describe("followShape (helpers.go)", () => {
  it("reads nothing of the live rule when the prior state is empty, as on import", () => {
    expect(followShape([], [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }])).toEqual([]);
  });

  it("keeps only the keys of the prior shape", () => {
    expect(followShape([{ id: "" }], [{ id: "x", name: "A new issue is created" }])).toEqual([{ id: "x" }]);
  });

  it("panics when the live list is shorter than the prior one", () => {
    expect(() => followShape([{ id: "" }, { id: "" }], [{ id: "x" }])).toThrow("index out of range [1] with length 1");
  });
});

describe("inputs of an imported resource (ExtractInputsFromOutputs)", () => {
  it("takes every input attribute read, except non-required ones at their default or zero value", () => {
    const withDefault: TfSchemaMap = { ...schema, root: { type: "string", optional: true, default: "" } };
    expect(
      extractInputs(withDefault, {
        name: "a",
        note: "",
        root: "",
        frequency: 30,
        key: "k",
        internalId: "7",
        teams: ["x"],
      }),
    ).toEqual({ name: "a", frequency: 30, key: "k", teams: ["x"] });
  });

  it("on refresh, keeps the shape of the old inputs with the values read", () => {
    expect(extractInputs(schema, { name: "b", note: "n2", internalId: "7" }, { name: "a", members: ["m"] })).toEqual({
      name: "b",
    });
  });
});

describe("a bridged resource", () => {
  const written: string[] = [];
  const resource: TfResource<null> = {
    token: "test:index:Thing",
    schema: { name: { type: "string", required: true }, internal_id: { type: "string", computed: true } },
    async create(d) {
      d.setId("1");
      written.push(String(d.get("name")));
      throw new Error("the read after create failed");
    },
    async read() {},
    async delete() {},
  };
  const provider = new BridgedProvider([resource], null);

  it("turns a create that failed after setting its ID into a partial failure keeping the ID", async () => {
    await expect(provider.create("urn:pulumi:s::p::test:index:Thing::a", { name: "a" }, false)).rejects.toMatchObject({
      id: "1",
      reasons: ["creating urn:pulumi:s::p::test:index:Thing::a: the read after create failed"],
    });
    expect(written).toEqual(["a"]);
  });

  it("reports a missing required input at check", async () => {
    const checked = await provider.check("urn:pulumi:s::p::test:index:Thing::a", undefined, {});
    expect(checked.failures).toEqual(["Missing required property 'name'"]);
  });
});
