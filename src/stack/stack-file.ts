// Reads a stack's policy from `Pulumi.<stack>.yaml` without the Pulumi CLI, for offline tools.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseStackPolicy, policyFromConfigMap, type StackPolicy } from "./policy";

export const DEFAULT_STACK = "prod";

export function loadStackPolicy(stack: string, projectDir: string): StackPolicy {
  const path = join(projectDir, `Pulumi.${stack}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`no stack file ${path}: pass an existing stack with --stack NAME`);
  }
  const doc = parse(text) as { config?: Record<string, unknown> } | null;
  return parseStackPolicy(policyFromConfigMap(doc?.config ?? {}), path);
}
