// Values the user wrote, shown in messages as they would write them.
import { code, quoted } from "../../i18n/format";
import type { Language, Localized } from "../../i18n/language";

/** A compact YAML flow form of a value: `{events: 50}`, `[a, b]`, text as is. */
export function flow(value: unknown): string {
  if (typeof value === "string") return /^[\w.@/-]+$/u.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flow).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${flow(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/** How a message shows what the user wrote. */
export function shown(value: unknown, lang: Language): string {
  if (typeof value === "string") return quoted(value, lang);
  if (value === null || value === undefined) return lang === "fr" ? "une valeur vide" : "an empty value";
  return code(flow(value));
}

/** Parameters of a rule about one value: where it is, and what it is. */
export interface ValueParams {
  /** The place, as a noun phrase ("`platform` du projet « demo »"). */
  subject: Localized;
  value: unknown;
}
