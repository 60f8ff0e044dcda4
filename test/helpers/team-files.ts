import { join } from "node:path";
import { loadStackPolicy } from "../../src/stack/stack-file";
import type { StackPolicy } from "../../src/stack/policy";
import type { Language } from "../../src/i18n/language";
import { formatText } from "../../src/team-file/diagnostics";
import {
  validateTeamFiles,
  type TeamFileInput,
  type ValidationOptions,
  type ValidationResult,
} from "../../src/team-file/validate";

export const ROOT = join(__dirname, "..", "..");
export const prodPolicy: StackPolicy = loadStackPolicy("prod", ROOT);

/** Builds inputs from `{ "teams/x.yaml": "yaml text" }`. */
export function inputs(files: Record<string, string | Uint8Array>): TeamFileInput[] {
  return Object.entries(files).map(([file, content]) => ({
    file,
    bytes: typeof content === "string" ? Buffer.from(content, "utf8") : content,
  }));
}

export function validate(
  files: Record<string, string | Uint8Array>,
  policy: StackPolicy = prodPolicy,
  options: ValidationOptions = {},
): ValidationResult {
  return validateTeamFiles(inputs(files), policy, options);
}

/** The diagnostics as the text format prints them (`PATH:LINE:COL: [rule-id] message`), sorted. */
export function messages(result: ValidationResult, lang: Language = "en"): string[] {
  return result.diagnostics.map((d) => formatText(d, lang)).sort();
}

/** A project with one performance alert of each kind (the duration, failure and crash metrics). */
export const PERFORMANCE_PROJECTS = `projects:
  - slug: demo
    platform: javascript-react
    performance:
      - name: API lente
        p95: 2s
        per: 10m
        environment: production
        notify: [team, {member: lea.durand}]
        resolve: 1.5s
      - name: Échecs
        failureRate: 5%
        per: 1h
      - name: Crashs
        crashFreeSessions: 99.5%
        per: 1d
        resolve: 99.9%
`;
