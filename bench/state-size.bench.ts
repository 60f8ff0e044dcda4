// Size of the Pulumi state of the 662 realistic team files, estimated the way the engine writes it:
// every custom resource's inputs and outputs, dynamic resources with their serialized provider
// (`__provider`, which the engine keeps in the inputs and the dynamic provider host copies into the
// outputs: @pulumi/pulumi cmd/dynamic-provider/index.js, `resultIncludingProvider`). The state is
// checkpointed after every step of an `up`, so its size multiplies.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import schema from "../test/fixtures/pulumi-sentry-schema.json";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy, ROOT } from "../test/helpers/team-files";
import { report } from "./measure";

const TARGET_BYTES = 10 * 1024 * 1024;
const STACK = "prod";

type SchemaResources = Record<string, { properties: Record<string, { type?: string }> }>;
const resources = (schema as unknown as { resources: SchemaResources }).resources;

/** What a bridged provider returns besides the inputs: its computed properties, with values of a typical size. */
function computedProperties(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const properties = resources[type]?.properties ?? {};
  const typical = (t: string | undefined) =>
    t === "boolean" ? false : t === "integer" || t === "number" ? 1234567 : t === "array" ? [] : "1234567";
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => !(name in inputs))
      .map(([name, property]) => [name, typical(property.type)]),
  );
}

export interface StateEntry {
  urn: string;
  type: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** The checkpoint entries of every custom resource the program declares for `dir`, under mocks. */
export async function stateEntries(dir: string): Promise<StateEntry[]> {
  const { teams, diagnostics } = validateTeamFiles(readTeamDirectory(dir), prodPolicy);
  if (diagnostics.length > 0) throw new Error(`invalid fixture: ${diagnostics[0].message}`);
  const entries: StateEntry[] = [];
  const config = readStackConfig(STACK, ROOT);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
  );
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        if (args.custom === false) return { id: undefined, state: inputs };
        const id = `${args.name}-id`;
        const dynamic = args.type.startsWith("pulumi-nodejs:dynamic");
        // A dynamic provider's outputs are what its create returns plus `__provider`; ours return their
        // inputs and the few values they compute, so the inputs stand for them.
        const outputs = dynamic ? { ...inputs } : { ...inputs, ...computedProperties(args.type, inputs) };
        entries.push({
          urn: `urn:pulumi:${STACK}::${PULUMI_PROJECT}::${args.type}::${args.name}`,
          type: args.type,
          inputs,
          outputs,
        });
        return { id, state: outputs };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    PULUMI_PROJECT,
    STACK,
    false,
  );
  // As src/plan/mock-engine.ts does: the SDK's per-promise stack traces dominate a plan's time otherwise.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    runProgram(ROOT, { teams });
    await pulumi.runtime.disconnect();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return entries;
}

export const stateBytes = (entries: readonly StateEntry[]) => Buffer.byteLength(JSON.stringify(entries));

export async function benchStateSize(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "state-size-"));
  for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
  const entries = await stateEntries(dir);
  const total = stateBytes(entries);
  const byType = new Map<string, { count: number; bytes: number }>();
  for (const entry of entries) {
    const slot = byType.get(entry.type) ?? { count: 0, bytes: 0 };
    slot.count++;
    slot.bytes += stateBytes([entry]);
    byType.set(entry.type, slot);
  }
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return report(
    "State size of 662 realistic teams (inputs + outputs, `__provider` included)",
    [
      `${entries.length} resources, ${mb(total)}`,
      ...[...byType]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([type, { count, bytes }]) => `${type}: ${count} × ${Math.round(bytes / count)} B = ${mb(bytes)}`),
    ],
    [{ label: `state under ${mb(TARGET_BYTES)} (${mb(total)})`, met: total < TARGET_BYTES }],
  );
}
