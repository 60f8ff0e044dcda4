// The replay engine's steps, with a recording provider and tiny programs: what Pulumi v3.248.0 does with
// each registration (create, same, update, replacements, import, ignoreChanges, deletes, refresh).
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ReplayStack, type EngineProvider, type Props } from "./replay/engine";

interface Behaviour {
  /** Properties whose change replaces the resource. */
  replaceOn?: string[];
  deleteBeforeReplace?: boolean;
  /** What a read from the ID alone (import) returns. */
  live?: Record<string, Props>;
  /** Reads of these IDs find nothing. */
  gone?: string[];
  failCreate?: string;
}

class RecordingProvider implements EngineProvider {
  readonly calls: string[] = [];
  private next = 1;
  constructor(private readonly behaviour: Behaviour = {}) {}

  async check(_urn: string, _olds: Props | undefined, news: Props) {
    return { inputs: news, failures: [] };
  }
  async diff(urn: string, _id: string, _oi: Props, oldOutputs: Props, news: Props) {
    const keys = [...new Set([...Object.keys(oldOutputs), ...Object.keys(news)])].filter(
      (k) => k !== "id" && JSON.stringify(oldOutputs[k]) !== JSON.stringify(news[k]),
    );
    this.calls.push(`diff ${name(urn)}`);
    const replaces = keys.filter((k) => (this.behaviour.replaceOn ?? []).includes(k));
    return {
      changes: keys.length > 0,
      replaces,
      deleteBeforeReplace: !!this.behaviour.deleteBeforeReplace,
      diffs: keys,
    };
  }
  async create(urn: string, news: Props, preview: boolean) {
    if (preview) return { id: "", outputs: news };
    if (this.behaviour.failCreate === name(urn)) throw new Error("refused");
    this.calls.push(`create ${name(urn)}`);
    const id = `id-${this.next++}`;
    return { id, outputs: { ...news, id } };
  }
  async read(urn: string, id: string, oldInputs?: Props, oldOutputs?: Props) {
    this.calls.push(`read ${name(urn)} ${id}`);
    if (this.behaviour.gone?.includes(id)) return undefined;
    const live = this.behaviour.live?.[id] ?? oldOutputs ?? {};
    return { id, inputs: oldInputs ?? live, outputs: { ...live, id } };
  }
  async update(urn: string, id: string, _oi: Props, _oo: Props, news: Props) {
    this.calls.push(`update ${name(urn)}`);
    return { ...news, id };
  }
  async delete(urn: string, id: string) {
    this.calls.push(`delete ${name(urn)} ${id}`);
  }
}

const name = (urn: string) => urn.split("::").pop()!;

/** A custom resource of a test type, handled by the recording provider. */
class TestThing extends pulumi.CustomResource {
  constructor(name: string, props: Props, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, props, opts);
  }
}

interface Thing {
  name: string;
  props: Props;
  opts?: pulumi.CustomResourceOptions;
  dependsOn?: string;
}

function stackWith(provider: RecordingProvider) {
  const stack = new ReplayStack(() => provider);
  const up = (things: Thing[], options: { refresh?: boolean; preview?: boolean } = {}) =>
    stack.run({
      project: "replay",
      stack: "test",
      config: {},
      ...options,
      load: () => {
        const made = new Map<string, pulumi.CustomResource>();
        for (const thing of things) {
          const dependsOn = thing.dependsOn ? [made.get(thing.dependsOn)!] : [];
          made.set(thing.name, new TestThing(thing.name, thing.props, { ...thing.opts, dependsOn }));
        }
      },
    });
  return { stack, up };
}

const ops = (steps: { op: string; name: string }[]) => steps.map((s) => `${s.op} ${s.name}`);

describe("replay engine", () => {
  it("creates, then does nothing when nothing changed, then updates a changed input", async () => {
    const provider = new RecordingProvider();
    const { up } = stackWith(provider);
    expect(ops((await up([{ name: "a", props: { size: 1 } }])).steps)).toEqual(["create a"]);
    expect(ops((await up([{ name: "a", props: { size: 1 } }])).steps)).toEqual(["same a"]);
    const third = await up([{ name: "a", props: { size: 2 } }]);
    expect(ops(third.steps)).toEqual(["update a"]);
    expect(third.steps[0].diffs).toEqual(["size"]);
  });

  it("replaces create-before-delete by default: the old one goes after every other step", async () => {
    const provider = new RecordingProvider({ replaceOn: ["key"] });
    const { up } = stackWith(provider);
    await up([
      { name: "a", props: { key: "x" } },
      { name: "b", props: { n: 1 } },
    ]);
    provider.calls.length = 0;
    const result = await up([
      { name: "a", props: { key: "y" } },
      { name: "b", props: { n: 2 } },
    ]);
    expect(provider.calls.filter((c) => !c.startsWith("diff"))).toEqual(["create a", "update b", "delete a id-1"]);
    expect(ops(result.steps)).toEqual(["create-replacement a", "update b", "delete-replaced a"]);
  });

  it.each([
    ["the provider asks for it", { replaceOn: ["key"], deleteBeforeReplace: true }, {}],
    ["the program asks for it", { replaceOn: ["key"] }, { deleteBeforeReplace: true }],
  ])("deletes before replacing when %s", async (_why, behaviour, opts) => {
    const provider = new RecordingProvider(behaviour);
    const { up } = stackWith(provider);
    await up([{ name: "a", props: { key: "x" }, opts }]);
    provider.calls.length = 0;
    await up([{ name: "a", props: { key: "y" }, opts }]);
    expect(provider.calls.filter((c) => !c.startsWith("diff"))).toEqual(["delete a id-1", "create a"]);
  });

  it("imports by reading the ID alone; equal inputs leave nothing else to do", async () => {
    const provider = new RecordingProvider({ live: { "org/a": { size: 1 } } });
    const { up, stack } = stackWith(provider);
    const result = await up([{ name: "a", props: { size: 1 }, opts: { import: "org/a" } }]);
    expect(ops(result.steps)).toEqual(["import a"]);
    expect(provider.calls).toEqual(["read a org/a", "diff a"]);
    expect([...stack.state.values()].find((r) => r.type === "test:index:Thing")!.id).toBe("org/a");
    // The next run with the same import ID is an ordinary run.
    expect(ops((await up([{ name: "a", props: { size: 1 }, opts: { import: "org/a" } }])).steps)).toEqual(["same a"]);
  });

  it("imports then updates when the program's inputs differ from what was read (Pulumi >= 3.174)", async () => {
    const provider = new RecordingProvider({ live: { "org/a": { size: 1 } } });
    const { up } = stackWith(provider);
    const result = await up([{ name: "a", props: { size: 2 }, opts: { import: "org/a" } }]);
    expect(result.ok).toBe(true);
    expect(ops(result.steps)).toEqual(["import a", "update a"]);
  });

  it("fails an import whose difference would replace the resource, with the engine's message", async () => {
    const provider = new RecordingProvider({ live: { "org/a": { key: "x" } }, replaceOn: ["key"] });
    const { up } = stackWith(provider);
    const result = await up([{ name: "a", props: { key: "y" }, opts: { import: "org/a" } }]);
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toContain(
      'previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program;\nkey: "x" => "y"',
    );
  });

  it("fails an import of something that does not exist", async () => {
    const provider = new RecordingProvider({ gone: ["org/a"] });
    const { up } = stackWith(provider);
    const result = await up([{ name: "a", props: {}, opts: { import: "org/a" } }]);
    expect(result.errors.join("\n")).toContain("resource 'org/a' does not exist");
  });

  it("keeps the old value of an ignored input", async () => {
    const provider = new RecordingProvider();
    const { up } = stackWith(provider);
    await up([{ name: "a", props: { size: 1 }, opts: { ignoreChanges: ["size"] } }]);
    const result = await up([{ name: "a", props: { size: 2 }, opts: { ignoreChanges: ["size"] } }]);
    expect(ops(result.steps)).toEqual(["same a"]);
  });

  it("deletes what the program no longer declares, dependents first; retained resources only leave the state", async () => {
    const provider = new RecordingProvider();
    const { up, stack } = stackWith(provider);
    await up([
      { name: "base", props: {} },
      { name: "kept", props: {}, opts: { retainOnDelete: true } },
      { name: "child", props: {}, dependsOn: "base" },
    ]);
    provider.calls.length = 0;
    const result = await up([]);
    expect(provider.calls).toEqual(["delete child id-3", "delete base id-1"]);
    expect(ops(result.steps).sort()).toEqual(["delete base", "delete child", "retain kept"]);
    expect([...stack.state.keys()].filter((u) => u.includes("Thing"))).toEqual([]);
  });

  it("refreshes every resource first on up --refresh, and forgets those that are gone", async () => {
    const provider = new RecordingProvider({ gone: ["id-2"] });
    const { up } = stackWith(provider);
    await up([
      { name: "a", props: {} },
      { name: "b", props: {} },
    ]);
    provider.calls.length = 0;
    const result = await up(
      [
        { name: "a", props: {} },
        { name: "b", props: {} },
      ],
      { refresh: true },
    );
    expect(ops(result.steps)).toEqual(["refresh a", "refresh-gone b", "same a", "create b"]);
  });

  it("stops at the first failed step: later registrations are not carried out and nothing is deleted", async () => {
    const provider = new RecordingProvider({ failCreate: "b" });
    const { up } = stackWith(provider);
    await up([{ name: "old", props: {} }]);
    provider.calls.length = 0;
    const result = await up([
      { name: "a", props: {} },
      { name: "b", props: {}, dependsOn: "a" },
      { name: "c", props: {}, dependsOn: "b" },
    ]);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/::b: refused$/);
    expect(provider.calls).toEqual(["create a"]);
  });

  it("refuses two resources with the same URN", async () => {
    const { up } = stackWith(new RecordingProvider());
    const result = await up([
      { name: "a", props: {} },
      { name: "a", props: {} },
    ]);
    expect(result.errors.join("\n")).toContain("Duplicate resource URN");
  });

  it("previews without calling create or changing the state", async () => {
    const provider = new RecordingProvider();
    const { up, stack } = stackWith(provider);
    const result = await up([{ name: "a", props: {} }], { preview: true });
    expect(ops(result.steps)).toEqual(["create a"]);
    expect(provider.calls).toEqual([]);
    expect(stack.state.size).toBe(0);
  });
});
