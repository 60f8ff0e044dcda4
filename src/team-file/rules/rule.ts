// A rule of the validator: a stable id, its severity, what it checks and its messages, in every
// language. Rules that look at a parsed file also have `check`; the others are reported by the step
// that detects them (reading the folder, parsing, the schema).
import type { Localized } from "../../i18n/language";
import type { StackPolicy } from "../../stack/policy";
import type { Diagnostic, Severity } from "../diagnostics";
import type { PathSegment } from "../path";

export interface Rule<Params = void> {
  readonly id: string;
  readonly severity: Severity;
  /** What the rule checks, for the rules tables of the README and the guide. */
  readonly checks: Localized;
  readonly message: (params: Params) => Localized;
}

/** What a rule checking one parsed file sees. */
export interface FileCheck {
  /** The file's data, of any shape: rules look only at values of the shape they expect. */
  readonly data: unknown;
  readonly policy: StackPolicy;
  /** The team slug from the file name, when the name is usable. */
  readonly slug: string | undefined;
  /** Top-level keys the file misspelt (e.g. `membres` for `members`): rules reading them stay quiet. */
  readonly misspelt: ReadonlySet<string>;
  /** The run's calendar day in Europe/Paris (`YYYY-MM-DD`), against which `until` dates are read. */
  readonly today: string;
  /** A noun phrase naming the place of `path` ("le 2e membre" / "the 2nd member"). */
  where(path: readonly PathSegment[]): Localized;
  /** The 1-based position of the value at `path` (of its key when `key` is given). */
  position(path: readonly PathSegment[], key?: string): { line: number; col: number };
  report<P>(rule: Rule<P>, params: P, path: readonly PathSegment[], key?: string): void;
}

export interface FileRule<Params = void> extends Rule<Params> {
  readonly check: (file: FileCheck) => void;
}

export function defineRule<P = void>(rule: Rule<P>): Rule<P> {
  return rule;
}

export function defineFileRule<P = void>(rule: FileRule<P>): FileRule<P> {
  return rule;
}

/** A located diagnostic of `rule`. */
export function diagnosticOf<P>(rule: Rule<P>, params: P, file: string, at: { line: number; col: number }): Diagnostic {
  return { file, line: at.line, col: at.col, rule: rule.id, severity: rule.severity, message: rule.message(params) };
}
