import { code } from "../../i18n/format";
import { localize, type Language } from "../../i18n/language";
import { inRange, type PerformanceMetric } from "../performance";
import { defineFileRule } from "./rule";
import { readMetric } from "./performance-thresholds";
import { eachPerformanceAlert } from "./values";

/** The thresholds that can be crossed, in words. */
function rangeWords(metric: PerformanceMetric, lang: Language): string {
  const fr = lang === "fr";
  if (metric === "failureRate")
    return fr
      ? "un taux de 0% à moins de 100% (au-delà duquel l'alerte part), comme `5%`"
      : "a rate from 0% to under 100% (above which the alert fires), like `5%`";
  if (metric === "crashFreeSessions")
    return fr
      ? "une part de plus de 0% à 100% (en dessous de laquelle l'alerte part), comme `99%`"
      : "a share over 0% and up to 100% (below which the alert fires), like `99%`";
  return fr ? "une durée de plus de 0, comme `800ms`" : "a duration over 0, like `800ms`";
}

export const performanceRange = defineFileRule<{ metric: PerformanceMetric; written: string }>({
  id: "performance-range",
  severity: "error",
  checks: {
    fr: "Le seuil d'une alerte de performance peut être franchi : une durée de plus de 0, `failureRate` de 0% à moins de 100%, `crashFreeSessions` de plus de 0% à 100%.",
    en: "A performance alert's threshold can be crossed: a duration over 0, `failureRate` from 0% to under 100%, `crashFreeSessions` over 0% and up to 100%.",
  },
  message: ({ metric, written }) =>
    localize((lang) => {
      const range = rangeWords(metric, lang);
      return lang === "fr"
        ? `${code(`${metric}: ${written}`)} ne peut jamais être franchi : choisissez ${range}`
        : `${code(`${metric}: ${written}`)} can never be crossed: choose ${range}`;
    }),
  check(file) {
    eachPerformanceAlert(file.data, (alert, path) => {
      const read = readMetric(alert);
      if (read && !inRange(read.metric, read.value)) {
        file.report(performanceRange, { metric: read.metric, written: read.written }, [...path, read.metric]);
      }
    });
  },
});
