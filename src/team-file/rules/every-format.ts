import { code, joinWords } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

/** Durations meaning `minutes` minutes: `60m`, and `1h` or `1d` when whole. */
function durationsFor(minutes: number): string[] {
  const forms = [`${minutes}m`];
  if (minutes % 60 === 0) forms.push(`${minutes / 60}h`);
  if (minutes % 1440 === 0) forms.push(`${minutes / 1440}d`);
  return forms;
}

export const everyFormat = defineRule<ValueParams>({
  id: "every-format",
  severity: "error",
  checks: {
    fr: "`every` est une durée avec son unité : `30m`, `1h`, `1d` (un nombre seul ne suffit pas).",
    en: "`every` is a duration with its unit: `30m`, `1h`, `1d` (a number alone is not enough).",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const minutes = typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
      const forms = joinWords((minutes ? durationsFor(minutes) : ["30m", "1h", "1d"]).map(code), lang);
      if (lang === "fr") {
        return minutes
          ? `${subject.fr} est une durée avec son unité : pour ${minutes} minutes, écrivez ${forms}`
          : `${subject.fr} : ${shown(value, lang)} n'est pas une durée ; écrivez un nombre suivi de m (minutes), h (heures) ou d (jours), comme ${forms}`;
      }
      return minutes
        ? `${subject.en} is a duration with its unit: for ${minutes} minutes, write ${forms}`
        : `${subject.en}: ${shown(value, lang)} is not a duration; write a number followed by m (minutes), h (hours) or d (days), like ${forms}`;
    }),
});
