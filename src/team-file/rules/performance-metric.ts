import { code, joinWords } from "../../i18n/format";
import { localize, type Localized } from "../../i18n/language";
import { metricsOf } from "../performance";
import { capitalized } from "../where";
import { defineFileRule } from "./rule";
import { eachPerformanceAlert, isRecord } from "./values";

export const performanceMetric = defineFileRule<{ subject: Localized; found: string[] }>({
  id: "performance-metric",
  severity: "error",
  checks: {
    fr: "Une alerte de performance surveille une seule mesure : `p50`, `p95` ou `p99` (durée des transactions), `failureRate` (taux d'échec) ou `crashFreeSessions` (sessions sans crash).",
    en: "A performance alert watches one metric: `p50`, `p95` or `p99` (transaction duration), `failureRate` (failure rate) or `crashFreeSessions` (crash-free sessions).",
  },
  message: ({ subject, found }) =>
    localize((lang) => {
      const named = joinWords(found.map(code), lang, "and");
      if (lang === "fr")
        return found.length === 0
          ? `${capitalized(subject).fr} ne dit pas quoi mesurer : ajoutez l'une des clés \`p50\`, \`p95\`, \`p99\` (durée des transactions, ex. \`p95: 2s\`), \`failureRate\` (ex. \`5%\`) ou \`crashFreeSessions\` (ex. \`99%\`)`
          : `${capitalized(subject).fr} mesure plusieurs choses (${named}) : une alerte surveille une seule mesure ; faites-en une par mesure`;
      return found.length === 0
        ? `${capitalized(subject).en} does not say what to measure: add one of \`p50\`, \`p95\`, \`p99\` (transaction duration, e.g. \`p95: 2s\`), \`failureRate\` (e.g. \`5%\`) or \`crashFreeSessions\` (e.g. \`99%\`)`
        : `${capitalized(subject).en} measures several things (${named}): an alert watches one metric; make one alert per metric`;
    }),
  check(file) {
    eachPerformanceAlert(file.data, (alert, path) => {
      if (!isRecord(alert)) return;
      const found = metricsOf(alert);
      if (found.length === 1) return;
      file.report(performanceMetric, { subject: file.where(path), found }, path, found[1]);
    });
  },
});
