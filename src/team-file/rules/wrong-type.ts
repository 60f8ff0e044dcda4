import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export type ExpectedType = "string" | "integer" | "array" | "object" | "boolean" | "number";

const TYPE_WORDS = {
  fr: {
    string: "un texte",
    integer: "un nombre entier",
    number: "un nombre",
    array: "une liste (`[a, b]`, ou une ligne `- a` par élément)",
    object: "un bloc de clés (`clé: valeur`)",
    boolean: "`true` ou `false`",
  },
  en: {
    string: "a text",
    integer: "a whole number",
    number: "a number",
    array: "a list (`[a, b]`, or one `- a` line per item)",
    object: "a block of keys (`key: value`)",
    boolean: "`true` or `false`",
  },
};

export const wrongType = defineRule<ValueParams & { expected: ExpectedType }>({
  id: "wrong-type",
  severity: "error",
  checks: {
    fr: "Chaque clé a le type attendu : texte, nombre entier, liste, bloc de clés ou booléen.",
    en: "Each key has the expected type: text, whole number, list, block of keys or boolean.",
  },
  message: ({ subject, value, expected }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} doit être ${TYPE_WORDS.fr[expected]}, pas ${shown(value, lang)}`
        : `${subject.en} must be ${TYPE_WORDS.en[expected]}, not ${shown(value, lang)}`,
    ),
});
