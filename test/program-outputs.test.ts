// `allOf`, the program's cheaper `pulumi.all` over strings, must give what `pulumi.all` gives
// in every state an output can be in during a preview or an up: value, unknown, secret, dependencies.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { allOf } from "../src/pulumi/context";

type OutputConstructor = new (
  resources: Set<pulumi.Resource>,
  value: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<Set<pulumi.Resource>>,
) => pulumi.Output<string>;

/** An output as the SDK makes them for a resource's property (output.js `OutputImpl`). */
function property(value: string, state: { known?: boolean; secret?: boolean }, resource: pulumi.Resource) {
  const Output = pulumi.Output as unknown as OutputConstructor;
  const known = state.known !== false;
  return new Output(
    new Set(),
    Promise.resolve(known ? value : undefined),
    Promise.resolve(known),
    Promise.resolve(state.secret === true),
    Promise.resolve(new Set([resource])),
  );
}

/** What the engine gets of an output, and what a callback given to `apply` sees. */
async function observe(output: pulumi.Output<string[]>) {
  const internals = output as unknown as {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources(): Promise<Set<pulumi.Resource>>;
    promise(withUnknowns?: boolean): Promise<unknown>;
  };
  const applied = await (output.apply((v) => v.join(",")) as unknown as typeof internals).promise(true);
  return {
    isKnown: await internals.isKnown,
    isSecret: await internals.isSecret,
    resources: [...(await internals.allResources())],
    value: (await internals.isKnown) ? await internals.promise() : "unknown",
    applied: applied === undefined ? "not run" : applied,
  };
}

const resources = [0, 1].map((i) => ({ i }) as unknown as pulumi.Resource);

describe("allOf gives what pulumi.all gives", () => {
  it.each([
    ["one known output", [{}]],
    ["one unknown output (a preview of a new resource)", [{ known: false }]],
    ["one secret output", [{ secret: true }]],
    ["two known outputs", [{}, {}]],
    ["two outputs, one unknown", [{}, { known: false }]],
    ["two outputs, one secret", [{ secret: true }, {}]],
    ["no output", []],
  ] as const)("%s", async (_case, states) => {
    const outputs = () => states.map((state, i) => property(`v${i}`, state, resources[i]));
    expect(await observe(allOf(outputs()))).toEqual(await observe(pulumi.all(outputs())));
  });
});
