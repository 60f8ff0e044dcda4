import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { PERCENTAGE_PATTERN } from "../performance";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { matches } from "./values";

/** The percentage someone most likely meant: a number alone, a decimal comma, a space before `%`. */
function percentageMeant(value: unknown): string | undefined {
  const written = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(written);
  const fixed = match ? `${match[1].replace(",", ".")}%` : undefined;
  return matches(PERCENTAGE_PATTERN, fixed) ? fixed : undefined;
}

export const performancePercentage = defineRule<ValueParams>({
  id: "performance-percentage",
  severity: "error",
  checks: {
    fr: "`failureRate` et `crashFreeSessions` sont des pourcentages : `5%`, `99.5%`.",
    en: "`failureRate` and `crashFreeSessions` are percentages: `5%`, `99.5%`.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const meant = percentageMeant(value);
      if (lang === "fr")
        return `${subject.fr} : ${shown(value, lang)} n'est pas un pourcentage ; écrivez ${meant ? code(meant) : "un nombre suivi de `%`, comme `5%` ou `99.5%`"}`;
      return `${subject.en}: ${shown(value, lang)} is not a percentage; write ${meant ? code(meant) : "a number followed by `%`, like `5%` or `99.5%`"}`;
    }),
});
