// Startup-facing text of the checklist: French first, English available (`--lang en`), in the shared
// language types of src/i18n.
import { localize, type Language, type Localized } from "../i18n/language";

export const t = (fr: string, en: string): Localized => ({ fr, en });

/** Joins texts language by language. */
export function joinTexts(texts: readonly Localized[], separator = " "): Localized {
  return localize((language) => texts.map((text) => text[language]).join(separator));
}

export function percent(share: number, language: Language): string {
  const value = share * 100;
  const rounded = value > 0 && value < 1 ? value.toFixed(1) : Math.round(value).toString();
  return language === "fr" ? `${rounded.replace(".", ",")} %` : `${rounded}%`;
}

/**
 * A name read from Sentry (an alert rule's), reduced to characters that mean nothing in Markdown or
 * HTML, so that it can sit inside a summary that both renderers print.
 */
export function inertName(name: string): string {
  return name
    .replace(/[^\p{L}\p{N} .,:;'’"!?()/&@%+=-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
}
