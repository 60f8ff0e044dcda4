import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const emptyValue = defineRule<ValueParams>({
  id: "empty-value",
  severity: "error",
  checks: {
    fr: "Les textes et les listes ne sont pas vides (`when`, `notify`) ; retirez la clé plutôt que la laisser vide.",
    en: "Texts and lists are not empty (`when`, `notify`); remove the key rather than leave it empty.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      Array.isArray(value)
        ? lang === "fr"
          ? `${subject.fr} est une liste vide : donnez au moins un élément, ou retirez la clé`
          : `${subject.en} is an empty list: give at least one item, or remove the key`
        : lang === "fr"
          ? `${subject.fr} est vide : écrivez une valeur, ou retirez la clé`
          : `${subject.en} is empty: write a value, or remove the key`,
    ),
});
