import { code } from "../../i18n/format";
import { localize, type Localized } from "../../i18n/language";
import { defineRule } from "./rule";

export const alertFrequencyForm = defineRule<{ subject: Localized; written: string; meant: string }>({
  id: "alert-frequency-form",
  severity: "error",
  checks: {
    fr: "Un seuil s'écrit entre accolades, `when: [{events: 50, per: 15m}]` : entre crochets seuls, `events` et `per` deviennent deux déclencheurs séparés.",
    en: "A threshold is written in braces, `when: [{events: 50, per: 15m}]`: in brackets alone, `events` and `per` become two separate triggers.",
  },
  message: ({ subject, written, meant }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${code(written)} se lit comme deux déclencheurs séparés ; mettez le seuil entre accolades, ${code(meant)}`
        : `${subject.en}: ${code(written)} reads as two separate triggers; put the threshold in braces, ${code(meant)}`,
    ),
});
