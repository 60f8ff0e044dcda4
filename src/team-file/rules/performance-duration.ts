import { code, joinWords } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { DURATION_THRESHOLD_PATTERN } from "../performance";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { matches } from "./values";

/** The duration someone most likely meant: a decimal comma, a space before the unit, `sec` or `secondes`. */
function durationMeant(value: unknown): string[] {
  if (typeof value === "number" && value > 0) return [`${value}ms`, `${value}s`];
  if (typeof value !== "string") return [];
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(ms|millisecondes?|milliseconds?|s|sec|secondes?|seconds?)\s*$/i.exec(value);
  if (!match) return [];
  const fixed = `${match[1].replace(",", ".")}${/^m/i.test(match[2]) ? "ms" : "s"}`;
  return matches(DURATION_THRESHOLD_PATTERN, fixed) ? [fixed] : [];
}

export const performanceDuration = defineRule<ValueParams>({
  id: "performance-duration",
  severity: "error",
  checks: {
    fr: "`p50`, `p95` et `p99` sont des durées avec leur unité, `ms` ou `s` : `800ms`, `2s`, `1.5s`.",
    en: "`p50`, `p95` and `p99` are durations with their unit, `ms` or `s`: `800ms`, `2s`, `1.5s`.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const meant = durationMeant(value).map(code);
      if (lang === "fr") {
        const fix =
          meant.length > 0
            ? `écrivez ${joinWords(meant, lang)}`
            : "écrivez un nombre suivi de `ms` ou `s`, comme `800ms` ou `2s`";
        return `${subject.fr} : ${shown(value, lang)} n'est pas une durée ; ${fix}`;
      }
      const fix =
        meant.length > 0
          ? `write ${joinWords(meant, lang)}`
          : "write a number followed by `ms` or `s`, like `800ms` or `2s`";
      return `${subject.en}: ${shown(value, lang)} is not a duration; ${fix}`;
    }),
});
