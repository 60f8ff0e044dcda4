// Startup-facing text: French first, English available (`--lang en`).

export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];

export interface Text {
  fr: string;
  en: string;
}

export const t = (fr: string, en: string): Text => ({ fr, en });

/** Joins texts language by language. */
export function joinTexts(texts: readonly Text[], separator = " "): Text {
  return { fr: texts.map((x) => x.fr).join(separator), en: texts.map((x) => x.en).join(separator) };
}

export function percent(share: number, language: Language): string {
  const value = share * 100;
  const rounded = value > 0 && value < 1 ? value.toFixed(1) : Math.round(value).toString();
  return language === "fr" ? `${rounded.replace(".", ",")} %` : `${rounded}%`;
}

export function count(n: number, language: Language): string {
  return n.toLocaleString(language === "fr" ? "fr-FR" : "en-GB").replace(/\u202f|\u00a0/g, " ");
}

/** A text built from a function of the language (numbers and percentages formatted for each). */
export function both(make: (language: Language) => string): Text {
  return { fr: make("fr"), en: make("en") };
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
