import { joinWords } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { FREQUENCY_INTERVALS } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const alertWindow = defineRule<ValueParams>({
  id: "alert-window",
  severity: "error",
  checks: {
    fr: "`per` est l'une des fenêtres de comptage de Sentry : 1m, 5m, 15m, 1h, 1d, 1w ou 30d.",
    en: "`per` is one of Sentry's counting windows: 1m, 5m, 15m, 1h, 1d, 1w or 30d.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const windows = joinWords(
        FREQUENCY_INTERVALS.map((w) => `\`${w}\``),
        lang,
      );
      return lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas une fenêtre de comptage de Sentry ; choisissez ${windows}`
        : `${subject.en}: ${shown(value, lang)} is not one of Sentry's counting windows; choose ${windows}`;
    }),
});
