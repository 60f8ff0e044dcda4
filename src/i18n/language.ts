// The languages of startup-facing text (validator messages, annotations, plan summary, DSN comment).
// French first: the instance serves French-speaking teams; English for everyone else.

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fr";

/** One text in every language. */
export type Localized = Readonly<Record<Language, string>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of an output: the command-line option when given, else the stack's setting, else French. */
export function chooseLanguage(option: string | undefined, stackSetting: Language | undefined): Language {
  if (option === undefined) return stackSetting ?? DEFAULT_LANGUAGE;
  if (!isLanguage(option)) throw new RangeError(`unknown language "${option}": use ${LANGUAGES.join(" or ")}`);
  return option;
}

/** Builds a Localized text from one function of the language. */
export function localize(text: (lang: Language) => string): Localized {
  return { fr: text("fr"), en: text("en") };
}
