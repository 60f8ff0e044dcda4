import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const invalidValue = defineRule<ValueParams>({
  id: "invalid-value",
  severity: "error",
  checks: {
    fr: "Une valeur a l'une des formes documentées (règle générale, quand aucune règle plus précise ne s'applique).",
    en: "A value has one of the documented forms (general rule, when no more precise rule applies).",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas une valeur possible ici ; voyez l'exemple complet du guide`
        : `${subject.en}: ${shown(value, lang)} is not a possible value here; see the guide's full example`,
    ),
});
