// The Pulumi engine's step generation (pulumi/pulumi v3.248.0, the CLI the workflows pin), replayed in
// the test process. The real program runs under `setMocks`; our monitor takes each RegisterResource
// request, reads its options, and does what the engine does for that resource against real-behaving
// providers (the provider ports and Pulumi's own dynamic provider host). State persists in the
// `ReplayStack` between runs, so a test plays a sequence of `up`s.
//
// Citations below are `pkg/resource/deploy/<file>@v3.248.0:<line>` in pulumi/pulumi (a88168d8).
import * as pulumi from "@pulumi/pulumi";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

// The SDK deserializes an unknown (preview) as this marker object (output.js:587); providers see the sentinel.
const UNKNOWN_OUTPUT: unknown = require("@pulumi/pulumi/output").unknown;

export type Props = Record<string, unknown>;

/** What a provider plugin answers; the engine side of pkg/resource/plugin.Provider. */
export interface EngineProvider {
  check(urn: string, olds: Props | undefined, news: Props): Promise<{ inputs: Props; failures: string[] }>;
  diff(
    urn: string,
    id: string,
    oldInputs: Props,
    oldOutputs: Props,
    news: Props,
    ignoreChanges: string[],
  ): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean; diffs: string[] }>;
  create(urn: string, news: Props, preview: boolean): Promise<{ id: string; outputs: Props }>;
  /** Without `outputs` this is an import (or `.get`): read from the ID alone. Undefined: the resource is gone. */
  read(
    urn: string,
    id: string,
    oldInputs?: Props,
    oldOutputs?: Props,
  ): Promise<{ id: string; inputs: Props; outputs: Props } | undefined>;
  update(urn: string, id: string, oldInputs: Props, oldOutputs: Props, news: Props, preview: boolean): Promise<Props>;
  delete(urn: string, id: string, oldInputs: Props, oldOutputs: Props): Promise<void>;
}

/**
 * A create or update that failed after the resource came to exist (plugin.InitError): the engine keeps
 * the resource in the state with its init errors, and the next `up` updates it (step_generator.go@v3.248.0:2053-2068).
 */
export class InitError extends Error {
  constructor(
    readonly id: string,
    readonly outputs: Props,
    readonly reasons: string[],
  ) {
    super(reasons.join("; "));
  }
}

export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  id: string;
  inputs: Props;
  outputs: Props;
  parent: string;
  dependencies: string[];
  /** `urn::id` of the provider resource; "" for the default provider of the package. */
  provider: string;
  retainOnDelete: boolean;
  importId?: string;
  initErrors?: string[];
}

export type StepOp =
  | "create"
  | "same"
  | "update"
  | "import"
  | "create-replacement"
  | "delete-replaced"
  | "delete"
  | "retain"
  | "refresh"
  | "refresh-gone";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  /** Top-level properties that differ, for updates and replacements. */
  diffs?: string[];
}

export interface DeploymentResult {
  ok: boolean;
  steps: Step[];
  errors: string[];
  /** Messages of `pulumi.log.warn` from the program, and the engine's warnings. */
  warnings: string[];
}

/** Gives the engine a provider for a package, from the provider resource's inputs (its config). */
export type ProviderFactory = (pkg: string, config: Props) => EngineProvider;

export interface RunOptions<T> {
  project: string;
  stack: string;
  config: Record<string, string>;
  /** Runs the program: it must import it here, after the mocks are set. */
  load: () => Promise<T> | T;
  preview?: boolean;
  /** `up --refresh`: read every resource of the state before the program runs. */
  refresh?: boolean;
}

export const nameOf = (urn: string) => urn.split("::").slice(3).join("::");
export const typeOf = (urn: string) => urn.split("::")[2].split("$").pop()!;
const packageOf = (type: string) => (type.startsWith("pulumi:providers:") ? type.slice(17) : type.split(":")[0]);
const isProviderType = (type: string) => type.startsWith("pulumi:providers:");

/** Secrets arrive as `{4dabf18193072939515e22adb298388d: ..., value}` wrappers; providers get plain values. */
export function unwrapSecrets(value: unknown): unknown {
  if (value === UNKNOWN_OUTPUT) return unknownValue;
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) return unwrapSecrets(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** The one-step-at-a-time lock: steps run in the order the program registers them, reproducibly. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export class ReplayStack {
  /** The checkpoint: every resource the last runs left, in dependency order. */
  readonly state = new Map<string, ResourceState>();

  constructor(private readonly providers: ProviderFactory) {}

  /** The state a run works on: the checkpoint itself, or a copy for a preview. */
  private working: Map<string, ResourceState> = this.state;

  private providerFor(state: { type: string; provider: string }): EngineProvider {
    if (state.provider === "") return this.providers(packageOf(state.type), {});
    const providerUrn = state.provider.split("::").slice(0, -1).join("::");
    const provider = this.working.get(providerUrn) ?? this.state.get(providerUrn);
    if (!provider) throw new Error(`provider ${state.provider} is not in the state`);
    return this.providers(packageOf(provider.type), provider.outputs);
  }

  async run<T>(options: RunOptions<T>): Promise<DeploymentResult & { program?: T }> {
    const result: DeploymentResult = { ok: true, steps: [], errors: [], warnings: [] };
    const preview = options.preview ?? false;
    if (options.refresh) await this.refreshAll(result, preview);

    const registered = new Set<string>();
    const pendingDeletes: ResourceState[] = [];
    const working = preview ? new Map([...this.state].map(([k, v]) => [k, structuredClone(v)])) : this.state;
    this.working = working;
    const serial = new Serial();
    let halted = false;
    let onHalt = () => {};
    const haltedSignal = new Promise<void>((resolve) => (onHalt = resolve));

    const fail = (urn: string, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      result.ok = false;
      result.errors.push(`${urn}: ${message}`);
      // A failed step stops the deployment: no further steps run, the program is stopped
      // (deployment_executor.go@v3.248.0 cancels the source on the first error).
      halted = true;
      onHalt();
    };

    pulumi.runtime.setAllConfig(options.config);
    await pulumi.runtime.setMocks(
      {
        newResource: () => {
          throw new Error("the replay monitor handles registrations");
        },
        call: (args) => {
          throw new Error(`unexpected invoke ${args.token}`);
        },
      },
      options.project,
      options.stack,
      preview,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, unknown>;
    const stackName = options.stack;
    const project = options.project;
    const generateUrn = (parent: string, type: string, name: string) => {
      // deployment.go@v3.248.0:716-725: the parent's full qualified type, then the resource's type.
      const parentType = parent ? parent.split("::")[2] : "";
      return `urn:pulumi:${stackName}::${project}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
    };

    monitor.registerResource = (req: resproto.RegisterResourceRequest, callback: (e: unknown, r?: unknown) => void) => {
      const type = req.getType();
      const name = req.getName();
      const urn = generateUrn(req.getParent(), type, name);
      const goal = {
        urn,
        type,
        custom: req.getCustom(),
        parent: req.getParent(),
        inputs: pulumi.runtime.deserializeProperties(req.getObject()!) as Props,
        dependencies: req.getDependenciesList(),
        provider: req.getProvider(),
        importId: req.getImportid(),
        ignoreChanges: req.getIgnorechangesList(),
        retainOnDelete: req.getRetainondelete() === true,
        // source_eval.go@v3.248.0:2083-2088.
        deleteBeforeReplace:
          req.getDeletebeforereplacedefined() || req.getDeletebeforereplace()
            ? req.getDeletebeforereplace()
            : undefined,
      };
      void serial
        .run(async () => {
          if (halted) throw new Error("the deployment was halted by an earlier error");
          // step_generator.go@v3.248.0:256-267.
          if (registered.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
          registered.add(urn);
          return this.step(goal, working, preview, result, pendingDeletes);
        })
        .then(
          async (outputs) => {
            const response = new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(goal.custom ? ((working.get(urn)?.id ?? "") as string) : "");
            response.setObject(
              structproto.Struct.fromJavaScript(await pulumi.runtime.serializeProperties("", outputs)),
            );
            callback(null, response);
          },
          (error: unknown) => {
            if (!(error instanceof Error && error.message.startsWith("the deployment was halted"))) fail(urn, error);
            callback(error);
          },
        );
    };

    // Component outputs: kept on the component's state, as the engine does (RegisterResourceOutputs).
    monitor.registerResourceOutputs = (
      req: resproto.RegisterResourceOutputsRequest,
      callback: (e: unknown, r?: unknown) => void,
    ) => {
      const component = working.get(req.getUrn());
      if (component) component.outputs = pulumi.runtime.deserializeProperties(req.getOutputs()!) as Props;
      callback(null, {});
    };

    // `pulumi.log.warn` goes to console.warn when no engine is connected (log/index.js:75-84).
    const warn = console.warn;
    const error = console.error;
    console.warn = (...args: unknown[]) => {
      const text = args.map(String).join(" ");
      result.warnings.push(text.replace(/^warning: \[runtime\] /, ""));
    };
    console.error = (...args: unknown[]) => {
      const text = args.map(String).join(" ");
      if (text.startsWith("error: [runtime] ")) result.errors.push(text.slice("error: [runtime] ".length));
      else error(...args);
    };
    // The program's own rejections after a failed registration end the language host in a real `up`;
    // here they are collected instead of escaping to the test runner.
    const rejectionListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const onRejection = (reason: unknown) => {
      if (!halted) fail("program", reason);
    };
    process.on("unhandledRejection", onRejection);
    let program: T | undefined;
    try {
      program = await options.load();
      await Promise.race([pulumi.runtime.disconnect(), haltedSignal.then(() => new Promise((r) => setTimeout(r, 50)))]);
    } catch (e) {
      if (!halted) fail("program", e);
    } finally {
      await new Promise((r) => setTimeout(r, 10));
      process.removeListener("unhandledRejection", onRejection);
      for (const listener of rejectionListeners) process.on("unhandledRejection", listener);
      console.warn = warn;
      console.error = error;
    }
    if (result.errors.length > 0) result.ok = false;

    if (result.ok) {
      // Resources the program no longer registers, and the old halves of create-before-delete
      // replacements, are deleted at the end in reverse dependency order (step_generator.go@v3.248.0:2159, 2560-2610).
      const condemned = [...[...working.values()].filter((r) => !registered.has(r.urn)), ...pendingDeletes];
      for (const resource of reverseDependencyOrder(condemned)) {
        try {
          await this.delete(resource, working, preview, result, pendingDeletes.includes(resource));
        } catch (e) {
          fail(resource.urn, e);
          break;
        }
      }
    }
    return { ...result, program };
  }

  /** One registration: the steps step_generator.go@v3.248.0 generates for it, then applied. */
  private async step(
    goal: {
      urn: string;
      type: string;
      custom: boolean;
      parent: string;
      inputs: Props;
      dependencies: string[];
      provider: string;
      importId: string;
      ignoreChanges: string[];
      retainOnDelete: boolean;
      deleteBeforeReplace?: boolean;
    },
    working: Map<string, ResourceState>,
    preview: boolean,
    result: DeploymentResult,
    pendingDeletes: ResourceState[],
  ): Promise<Props> {
    const { urn, type } = goal;
    const name = nameOf(urn);
    const record = (op: StepOp, diffs?: string[]) =>
      result.steps.push({ op, urn, type, name, ...(diffs && diffs.length > 0 ? { diffs } : {}) });
    const base = {
      urn,
      type,
      custom: goal.custom,
      parent: goal.parent,
      dependencies: goal.dependencies,
      provider: goal.provider,
      retainOnDelete: goal.retainOnDelete,
    };
    let old = working.get(urn);

    // Components and provider resources: recorded with their inputs as outputs.
    if (!goal.custom || isProviderType(type)) {
      const id = old?.id ?? (goal.custom ? `${name}-provider-id` : "");
      record(old ? "same" : "create");
      working.set(urn, { ...base, id, inputs: goal.inputs, outputs: goal.inputs });
      return goal.inputs;
    }

    const provider = this.providerFor(goal);
    const plainInputs = unwrapSecrets(goal.inputs) as Props;

    // step_generator.go@v3.248.0:990-1001: an import when there is no old resource or its import ID differs.
    const oldImportId = old ? (old.importId ?? old.id) : "";
    let imported = false;
    if (goal.importId && (!old || oldImportId !== goal.importId)) {
      if (old)
        throw new Error("import-replacement (an `import` ID for a resource already in the state) is not replayed");
      // ImportStep.Apply (step.go@v3.248.0:1805-1900): Read with the ID alone.
      const read = await provider.read(urn, goal.importId);
      if (!read) throw new Error(`resource '${goal.importId}' does not exist`);
      old = {
        ...base,
        id: read.id || goal.importId,
        inputs: read.inputs,
        outputs: read.outputs,
        importId: goal.importId,
      };
      imported = true;
      record("import");
      working.set(urn, old);
    }

    // continueStepsFromImport (step_generator.go@v3.248.0:1131-1215): ignoreChanges restores old values, then Check.
    let inputs = plainInputs;
    if (old) inputs = ignoreChanges(inputs, old.inputs, goal.ignoreChanges);
    const checked = await provider.check(urn, old?.inputs, inputs);
    if (checked.failures.length > 0) throw new Error(`check failed: ${checked.failures.join("; ")}`);
    inputs = checked.inputs;

    // A create that fails after the resource came to exist is kept with its init errors (step.go@v3.248.0:293-420).
    const createNew = async (op: StepOp, diffs?: string[]): Promise<Props> => {
      try {
        const created = await provider.create(urn, inputs, preview);
        record(op, diffs);
        working.set(urn, { ...base, id: created.id, inputs, outputs: created.outputs });
        return created.outputs;
      } catch (error) {
        if (error instanceof InitError) {
          record(op, diffs);
          working.set(urn, { ...base, id: error.id, inputs, outputs: error.outputs, initErrors: error.reasons });
        }
        throw error;
      }
    };
    if (!old) return createNew("create");

    const diff = await provider.diff(urn, old.id, old.inputs, old.outputs, inputs, goal.ignoreChanges);
    const hasInitErrors = (old.initErrors ?? []).length > 0;
    if (!diff.changes && !hasInitErrors) {
      // No change: a same step, or nothing at all after an import (step_generator.go@v3.248.0:1776-1790).
      // After an import the registration resolves with the imported state itself; a same step keeps the
      // old outputs with the new inputs.
      if (!imported) {
        record("same");
        working.set(urn, { ...old, ...base, inputs, importId: goal.importId || undefined });
      }
      return old.outputs;
    }
    if (diff.changes && diff.replaces.length > 0) {
      // step_generator.go@v3.248.0:1866-1884: an `import` ID forbids replacement.
      if (goal.importId)
        throw new Error(
          "previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program;\n" +
            diff.replaces
              .map((k) => `${k}: ${JSON.stringify(old!.inputs[k])} => ${JSON.stringify(inputs[k])}`)
              .join("\n"),
        );
      // step_generator.go@v3.248.0:1922-1925: the program's option wins over the provider's answer.
      const deleteBeforeReplace = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
      if (deleteBeforeReplace) {
        // Delete first, then create (step_generator.go@v3.248.0:1931-2031). Dependents that would have to
        // be replaced too are not chased: none of the program's replacements have such dependents.
        await this.delete(old, working, preview, result, true);
        return createNew("create-replacement", diff.replaces);
      }
      // Create-before-delete: the old one is deleted after every other step (step_generator.go@v3.248.0:2032-2038).
      const replacement = await createNew("create-replacement", diff.replaces);
      pendingDeletes.push(old);
      return replacement;
    }
    // An update: also for a resource whose creation left init errors (step_generator.go@v3.248.0:2053-2068).
    try {
      const outputs = await provider.update(urn, old.id, old.inputs, old.outputs, inputs, preview);
      record("update", diff.diffs);
      working.set(urn, {
        ...old,
        ...base,
        inputs,
        outputs,
        initErrors: undefined,
        importId: goal.importId || undefined,
      });
      return outputs;
    } catch (error) {
      if (error instanceof InitError) {
        record("update", diff.diffs);
        working.set(urn, { ...old, ...base, inputs, outputs: error.outputs, initErrors: error.reasons });
      }
      throw error;
    }
  }

  private async delete(
    resource: ResourceState,
    working: Map<string, ResourceState>,
    preview: boolean,
    result: DeploymentResult,
    replaced: boolean,
  ): Promise<void> {
    const step = (op: StepOp) =>
      result.steps.push({ op, urn: resource.urn, type: resource.type, name: nameOf(resource.urn) });
    if (resource.retainOnDelete) {
      // step.go@v3.248.0:630-631: dropped from the state, the provider is not called.
      step("retain");
    } else {
      if (resource.custom && !isProviderType(resource.type) && !preview)
        await this.providerFor(resource).delete(
          resource.urn,
          resource.id,
          unwrapSecrets(resource.inputs) as Props,
          resource.outputs,
        );
      step(replaced ? "delete-replaced" : "delete");
    }
    // A replaced resource's URN now names its replacement.
    if (!replaced) working.delete(resource.urn);
  }

  /** `up --refresh`: Read every custom resource; gone ones leave the state (step.go@v3.248.0:1498-1600). */
  private async refreshAll(result: DeploymentResult, preview: boolean): Promise<void> {
    for (const resource of [...this.state.values()]) {
      if (!resource.custom || isProviderType(resource.type)) continue;
      const step = (op: StepOp) =>
        result.steps.push({ op, urn: resource.urn, type: resource.type, name: nameOf(resource.urn) });
      const read = await this.providerFor(resource).read(
        resource.urn,
        resource.id,
        unwrapSecrets(resource.inputs) as Props,
        resource.outputs,
      );
      if (!read) {
        step("refresh-gone");
        if (!preview) this.state.delete(resource.urn);
        continue;
      }
      step("refresh");
      if (!preview)
        this.state.set(resource.urn, {
          ...resource,
          id: read.id || resource.id,
          inputs: read.inputs,
          outputs: read.outputs,
        });
    }
  }
}

/** processIgnoreChanges (step_generator.go@v3.248.0:2838-2858) for top-level paths: old values come back. */
function ignoreChanges(inputs: Props, oldInputs: Props, paths: string[]): Props {
  const result = { ...inputs };
  for (const path of paths) {
    if (path in oldInputs) result[path] = oldInputs[path];
    else delete result[path];
  }
  return result;
}

/** ScheduleDeletes: a resource goes only after everything that depends on it (parent, dependencies, provider). */
export function reverseDependencyOrder(resources: ResourceState[]): ResourceState[] {
  const remaining = new Set(resources);
  const dependsOn = (a: ResourceState, b: ResourceState) =>
    a.parent === b.urn || a.dependencies.includes(b.urn) || a.provider.startsWith(`${b.urn}::`);
  const order: ResourceState[] = [];
  while (remaining.size > 0) {
    const batch = [...remaining].filter((r) => ![...remaining].some((other) => other !== r && dependsOn(other, r)));
    if (batch.length === 0) throw new Error("dependency cycle among deleted resources");
    for (const r of batch) {
      remaining.delete(r);
      order.push(r);
    }
  }
  return order;
}

export { unknownValue };
