// Serializes one dynamic provider the way the Pulumi runtime does (outside vitest, from TypeScript
// compiled by tsx) and writes the text that the engine would store in the state.
// Usage: node --import tsx test/helpers/serialize-provider.ts MODULE EXPORT OUT_FILE
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";

async function main(): Promise<void> {
  const [modulePath, exportName, out] = process.argv.slice(2);
  const provider = (await import(resolve(modulePath)))[exportName];
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  writeFileSync(out, `${serialized.text}\nmodule.exports.__containsSecrets = ${serialized.containsSecrets};\n`);
}

void main();
