import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { durationMinutes } from "../../stack/policy";
import { DURATION_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { eachAlert, field, matches, text } from "./values";

/** Sentry's bounds on a rule's `frequency`, in minutes: 5 minutes to 30 days. */
export const EVERY_MIN_MINUTES = 5;
export const EVERY_MAX_MINUTES = 43200;

export const everyRange = defineFileRule<{ every: string }>({
  id: "every-range",
  severity: "error",
  checks: {
    fr: "`every` va de 5m à 30d (bornes de Sentry).",
    en: "`every` is from 5m to 30d (Sentry's bounds).",
  },
  message: ({ every }) =>
    localize((lang) =>
      lang === "fr"
        ? `${code(`every: ${every}`)} est hors des bornes de Sentry : choisissez une durée de \`5m\` à \`30d\``
        : `${code(`every: ${every}`)} is out of Sentry's bounds: choose a duration from \`5m\` to \`30d\``,
    ),
  check(file) {
    eachAlert(file.data, (alert, path) => {
      const every = text(field(alert, "every"));
      if (!matches(DURATION_PATTERN, every)) return;
      const minutes = durationMinutes(every);
      if (minutes < EVERY_MIN_MINUTES || minutes > EVERY_MAX_MINUTES) {
        file.report(everyRange, { every }, [...path, "every"]);
      }
    });
  },
});
