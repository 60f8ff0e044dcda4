// The environment errors of the startup-facing commands (validate, plan), in their language: a stack
// or a team folder that does not exist is a usage error naming the option to fix.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { StackPolicyError, type StackPolicy } from "../stack/policy";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { TeamFolderError } from "../team-file/load";
import { UsageError } from "./run";

/** `--stack`, as the startup-facing commands declare it. */
export const STACK_OPTION = {
  type: "string",
  default: DEFAULT_STACK,
  value: { fr: "NOM", en: "NAME" },
  help: { fr: "configuration de Pulumi.NOM.yaml", en: "configuration of Pulumi.NAME.yaml" },
} as const;

/** The policy of `Pulumi.<stack>.yaml` in `projectDir`. */
export function stackOption(stack: string, projectDir: string): StackPolicy {
  if (!existsSync(join(projectDir, `Pulumi.${stack}.yaml`))) {
    throw new UsageError({
      fr: `pas de fichier de stack Pulumi.${stack}.yaml : donnez une stack existante avec --stack NOM`,
      en: `no stack file Pulumi.${stack}.yaml: pass an existing stack with --stack NAME`,
    });
  }
  try {
    return loadStackPolicy(stack, projectDir);
  } catch (error) {
    if (error instanceof StackPolicyError) throw new UsageError(error.message);
    throw error;
  }
}

/** Runs `read`, turning a missing team folder `dir` into a usage error. */
export async function inTeamFolder<T>(dir: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TeamFolderError) {
      throw new UsageError({
        fr: `impossible de lire le dossier d'équipes ${dir} : donnez un dossier existant avec --dir DOSSIER`,
        en: `cannot read team folder ${dir}: pass an existing folder with --dir DIR`,
      });
    }
    throw error;
  }
}
