// Formatting helpers shared by every startup-facing text (the escaping each output needs is in ./escape).
import { plainText } from "./escape";
import type { Language } from "./language";

export type Gender = "m" | "f";

/** 1er/1re, 2e... in French; 1st, 2nd, 3rd, 4th... in English. */
export function ordinal(n: number, lang: Language, gender: Gender = "m"): string {
  if (lang === "fr") return n === 1 ? (gender === "f" ? "1re" : "1er") : `${n}e`;
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** "a, b or c" / "a, b ou c" (or "and" / "et"). */
export function joinWords(words: readonly string[], lang: Language, conjunction: "or" | "and" = "or"): string {
  if (words.length <= 1) return words.join("");
  const last = lang === "fr" ? { or: "ou", and: "et" }[conjunction] : conjunction;
  return `${words.slice(0, -1).join(", ")} ${last} ${words[words.length - 1]}`;
}

/** A value the user wrote, quoted the way each language quotes. */
export function quoted(text: string, lang: Language): string {
  const shown = visible(text);
  return lang === "fr" ? `« ${shown} »` : `"${shown}"`;
}

const MAX_SHOWN = 80;

/** `text` with every control or invisible formatting character written as an escape, and cut if long. */
export function visible(text: string): string {
  const escaped = plainText(text);
  return escaped.length > MAX_SHOWN ? `${escaped.slice(0, MAX_SHOWN - 1)}…` : escaped;
}

/** A value the user wrote, as inline code. */
export function code(text: string): string {
  return `\`${visible(text)}\``;
}

/** A whole number as each language writes it: `2 538` in French, `2,538` in English (plain spaces). */
export function formatCount(n: number, lang: Language): string {
  return n.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB").replace(/[\u202f\u00a0]/g, " ");
}

/** `n` with its noun: French takes the singular for 0 and 1 (« 0 équipe »), English for 1 only. */
export function quantity(
  n: number,
  lang: Language,
  forms: Readonly<Record<Language, readonly [string, string]>>,
): string {
  const [one, many] = forms[lang];
  return `${formatCount(n, lang)} ${(lang === "fr" ? n <= 1 : n === 1) ? one : many}`;
}

/** A calendar day `YYYY-MM-DD` in words: « 30 juin 2025 », "30 June 2025". */
export function calendarDay(day: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
