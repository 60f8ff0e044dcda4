// Runs a Pulumi program under Pulumi's own mock engine (no CLI, no credentials, no network) and
// records every resource it declares. Used by the offline plan, the tests and the benchmarks.
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

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
    case "sentry:index/sentryTeam:SentryTeam":
    case "sentry:index/sentryProject:SentryProject":
    case "sentry:index/sentryOrganizationMember:SentryOrganizationMember":
    case "sentry:index/sentryOrganizationRepositoryGithub:SentryOrganizationRepositoryGithub":
      return { internalId: placeholder("id") };
    case "pulumi-nodejs:dynamic/sentry-incubateur:ProjectDefaults":
      return { keyId: placeholder("key id"), dsnPublic: placeholder("public DSN"), removedRuleIds: [] };
    case "pulumi-nodejs:dynamic/sentry-incubateur:MemberUser":
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
}

export interface MockRun<T> {
  resources: RecordedResource[];
  program: T;
}

/**
 * The Pulumi Node SDK captures `new Error().stack` for every promise it creates (debuggable.js), and
 * with source maps enabled (tsx, vitest) formatting each stack dominated the plan's time (measured:
 * over 40% of a 662-team plan). Those stacks only serve leaked-promise reports, which mocks do not
 * need: stacks stay short and unmapped while the program runs, then the settings come back.
 */
async function withCheapStacks<T>(run: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  const sourceMaps = process.sourceMapsEnabled;
  Error.stackTraceLimit = 0;
  process.setSourceMapsEnabled(false);
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = limit;
    process.setSourceMapsEnabled(sourceMaps);
  }
}

export async function runUnderMocks<T>(options: MockRunOptions<T>): Promise<MockRun<T>> {
  return withCheapStacks(() => runWithMocks(options));
}

async function runWithMocks<T>(options: MockRunOptions<T>): Promise<MockRun<T>> {
  const resources: RecordedResource[] = [];
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
        resources.push({
          type: args.type,
          name: args.name,
          inputs: redactSecrets(inputs) as Record<string, unknown>,
          ...(args.id ? { import: args.id } : {}),
          custom: args.custom !== false,
        });
        // The serialized provider (~14 KB each) is not echoed back: the mock monitor keeps every state.
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
  const program = await options.load();
  // Registrations are asynchronous: wait until the engine has seen every one of them.
  await pulumi.runtime.disconnect();
  return { resources, program };
}
