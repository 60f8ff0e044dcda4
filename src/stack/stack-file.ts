// Reads a stack's configuration from `Pulumi.<stack>.yaml` without the Pulumi CLI, for offline tools.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseStackPolicy, policyFromConfigMap, type StackPolicy } from "./policy";

export const DEFAULT_STACK = "prod";

/** The `config:` map of the stack file (`namespace:key` -> value). */
export function readStackConfig(stack: string, projectDir: string): Record<string, unknown> {
  const path = join(projectDir, `Pulumi.${stack}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`no stack file ${path}: pass an existing stack with --stack NAME`);
  }
  return (parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {};
}

export function loadStackPolicy(stack: string, projectDir: string): StackPolicy {
  return parseStackPolicy(
    policyFromConfigMap(readStackConfig(stack, projectDir)),
    join(projectDir, `Pulumi.${stack}.yaml`),
  );
}
