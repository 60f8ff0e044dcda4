// Runs a Pulumi program under Pulumi's own mock engine (no CLI, no credentials, no network) and
// records every resource it declares with the URN, parent and options the real engine would see.
// Used by the offline plan, targeted previews, the tests and the benchmarks.
import { setFlagsFromString } from "node:v8";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { TYPES } from "../pulumi/names";

export interface RecordedResource {
  /** Pulumi type token, e.g. `sentry:index/sentryTeam:SentryTeam`. */
  type: string;
  /** Logical name. */
  name: string;
  /** Declared inputs; secrets replaced by "[secret]", the dynamic provider's serialized code removed. */
  inputs: Record<string, unknown>;
  /** Import ID when the resource is adopted instead of created. */
  import?: string;
  /** Component resources (`custom: false`) group others; they are not sent to a provider. */
  custom: boolean;
  /** The URN the real engine gives it: the parent's whole type chain, then this type and name. */
  urn: string;
  /** The parent's URN, when it has one. */
  parent?: string;
  retainOnDelete: boolean;
  protect: boolean;
}

export const SECRET_PLACEHOLDER = "[secret]";
const DYNAMIC_PROVIDER_INPUT = "__provider";

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redactSecrets(v)]));
  }
  return value;
}

/** Output values a real provider would compute; readable placeholders stand in for them. */
function computedOutputs(type: string, name: string): Record<string, unknown> {
  const short = type.split(":").pop();
  const placeholder = (what: string) => `<${what} of ${short} ${name}>`;
  switch (type) {
    case TYPES.team:
    case TYPES.project:
    case TYPES.member:
    case TYPES.repositoryLink:
      return { internalId: placeholder("id") };
    case TYPES.projectDefaults:
      return { keyId: placeholder("key id"), dsnPublic: placeholder("public DSN"), removedRuleIds: [] };
    case TYPES.memberUser:
      return { userId: placeholder("user id") };
    default:
      return {};
  }
}

export interface MockRunOptions<T> {
  project: string;
  stack: string;
  /** Stack config as in `Pulumi.<stack>.yaml` (`namespace:key` -> value); objects are passed as JSON. */
  config: Record<string, unknown>;
  /** Loads the program; it must be imported here, after the mocks are set (a static import bypasses them). */
  load: () => Promise<T>;
  /** Called with the number of resources recorded so far, after each registration (progress of long runs). */
  onRecorded?: (count: number) => void;
  /** Keep the SDK's promise and declaration-stack bookkeeping (see `withLeanBookkeeping`); only to check it changes nothing. */
  sdkBookkeeping?: boolean;
}

export interface MockRun<T> {
  resources: RecordedResource[];
  program: T;
}

/** The SDK's bookkeeping hooks this runner swaps out (pinned @pulumi/pulumi 3.248.0). */
interface SdkBookkeeping {
  /** runtime/debuggable.js: tags each promise with a stack and tracks it until it settles, for leak reports at exit. */
  debuggable: { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
  /** resource.js: the declaration's call stack, sent to the engine as the resource's source position. */
  resource: { stackTrace: (skip: number) => unknown[] };
}

/**
 * The Pulumi Node SDK keeps, for every promise it creates, a stack, a context string and an entry in a
 * set of leak candidates (runtime/debuggable.js:80-132, two extra promises each), and for every resource
 * the whole call stack of its declaration (resource.js:282, `callsites` lifts the stack limit). Both only
 * serve the real engine's diagnostics (leaked-promise reports at exit, source positions in its display);
 * the mock monitor ignores them, and a mock run awaits every registration before it returns. Measured on
 * the 662-team plan: with stacks short and unmapped, the plan went from 29.6 s to 7.9 s; without the
 * promise bookkeeping and the declaration stacks, its live heap went from 850 MB to 590 MB.
 * V8 then lets the heap grow to about twice the live set before a full collection (1.2 GB resident):
 * a growth of 20% per collection keeps the plan under 1 GB, for more collector time
 * (docs/architecture.md, Benchmarks). Everything comes back when the run ends (the growth to V8's own
 * heuristic), so a real `pulumi` run in the same process is untouched, and the recorded declarations
 * are the same (test/mock-engine-lean.test.ts).
 */
const HEAP_GROWTH_PERCENT = 20;

async function withLeanBookkeeping<T>(run: () => Promise<T>, lean: boolean): Promise<T> {
  const limit = Error.stackTraceLimit;
  const sourceMaps = process.sourceMapsEnabled;
  const sdk: SdkBookkeeping = {
    debuggable: require("@pulumi/pulumi/runtime/debuggable"),
    resource: pulumi.Resource as unknown as SdkBookkeeping["resource"],
  };
  const { debuggablePromise } = sdk.debuggable;
  const { stackTrace } = sdk.resource;
  Error.stackTraceLimit = 0;
  process.setSourceMapsEnabled(false);
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
  if (lean) {
    sdk.debuggable.debuggablePromise = (p) => p;
    sdk.resource.stackTrace = () => [];
  }
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = limit;
    process.setSourceMapsEnabled(sourceMaps);
    setFlagsFromString("--heap-growing-percent=0");
    sdk.debuggable.debuggablePromise = debuggablePromise;
    sdk.resource.stackTrace = stackTrace;
  }
}

export async function runUnderMocks<T>(options: MockRunOptions<T>): Promise<MockRun<T>> {
  return withLeanBookkeeping(() => runWithMocks(options), options.sdkBookkeeping !== true);
}

/** The parts of the mock monitor (pulumi/runtime/mocks.js, pinned @pulumi/pulumi) this runner adapts. */
interface MockMonitorInternals {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, callback: (error: unknown, response: unknown) => void): Promise<void>;
  registerResourceOutputs(req: unknown, callback: (error: unknown, response: unknown) => void): void;
  resources: Map<string, unknown>;
}

/** Generated protobuf getters of RegisterResourceRequest (pulumi/proto/resource_pb.js). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getRetainondelete(): boolean;
  getProtect(): boolean;
}

/**
 * Adapts the SDK's mock monitor to the real engine in the two ways the tools rely on, and keeps it lean:
 * - URNs: the mock keeps only the parent's own type in a child's URN (`newUrn` in runtime/mocks.js),
 *   the engine keeps the parent's whole type chain (as the SDK's own `createUrn` in resource.js does);
 * - options: mocks never pass them to `newResource`, so each registration request is read here;
 * - memory: the mock keeps every resource's serialized state for `getResource` invokes, which the
 *   program never makes; only the recorded declarations are kept.
 */
function adaptMonitor(record: (req: RegisterRequest, urn: string) => void): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorInternals;
  const stackPrefix = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::`;
  monitor.newUrn = (parent, type, name) =>
    parent ? `${parent.slice(0, parent.lastIndexOf("::"))}$${type}::${name}` : `${stackPrefix}${type}::${name}`;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (error, response) => {
      if (!error) {
        const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
        monitor.resources.delete(urn);
        record(req, urn);
      }
      callback(error, response);
    });
  monitor.registerResourceOutputs = (_req, callback) => callback(null, {});
}

async function runWithMocks<T>(options: MockRunOptions<T>): Promise<MockRun<T>> {
  const resources: RecordedResource[] = [];
  // What the mock saw of each registration, by type and name, until its request completes the record
  // (a queue: two registrations of one type and name, a duplicate URN, must both be recorded).
  const declared = new Map<string, Omit<RecordedResource, "urn" | "parent" | "retainOnDelete" | "protect">[]>();
  const config = Object.fromEntries(
    Object.entries(options.config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { [DYNAMIC_PROVIDER_INPUT]: _provider, ...inputs } = args.inputs as Record<string, unknown>;
        const key = `${args.type}::${args.name}`;
        const queue = declared.get(key) ?? [];
        queue.push({
          type: args.type,
          name: args.name,
          inputs: redactSecrets(inputs) as Record<string, unknown>,
          ...(args.id ? { import: args.id } : {}),
          custom: args.custom !== false,
        });
        declared.set(key, queue);
        // The serialized provider (~14 KB each) is not echoed back.
        return { id: args.id ?? `${args.name}-id`, state: { ...inputs, ...computedOutputs(args.type, args.name) } };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token} under mocks: the program must not read live data`);
      },
    },
    options.project,
    options.stack,
    false,
  );
  adaptMonitor((req, urn) => {
    const key = `${req.getType()}::${req.getName()}`;
    const queue = declared.get(key)!;
    const seen = queue.shift()!;
    if (queue.length === 0) declared.delete(key);
    resources.push({
      ...seen,
      urn,
      ...(req.getParent() ? { parent: req.getParent() } : {}),
      retainOnDelete: req.getRetainondelete() === true,
      protect: req.getProtect() === true,
    });
    options.onRecorded?.(resources.length);
  });
  const program = await options.load();
  // Registrations are asynchronous: wait until the engine has seen every one of them.
  await pulumi.runtime.disconnect();
  return { resources, program };
}
