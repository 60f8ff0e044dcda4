import { ordinal } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const duplicateItem = defineRule<ValueParams & { first: number; second: number }>({
  id: "duplicate-item",
  severity: "error",
  checks: {
    fr: "Une liste (`owners`, `repositories`, `sharedWith`, champs de `privacy`) ne répète pas une valeur.",
    en: "A list (`owners`, `repositories`, `sharedWith`, `privacy` fields) does not repeat a value.",
  },
  message: ({ subject, value, first, second }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} répète ${shown(value, lang)} (${ordinal(first + 1, lang)} et ${ordinal(second + 1, lang)} éléments) : gardez-en un`
        : `${subject.en} repeats ${shown(value, lang)} (${ordinal(first + 1, lang)} and ${ordinal(second + 1, lang)} items): keep one`,
    ),
});
