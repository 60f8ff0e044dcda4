import { code } from "../../i18n/format";
import { localize, type Language, type Localized } from "../../i18n/language";
import { METRICS, thresholdValue, type PerformanceMetric } from "../performance";
import { defineFileRule } from "./rule";
import { readMetric } from "./performance-thresholds";
import { shown } from "./show";
import { eachPerformanceAlert, field } from "./values";

/** Where a resolve threshold of `metric` set at `threshold` must lie, in words. */
function between(metric: PerformanceMetric, threshold: string, lang: Language): string {
  const fr = lang === "fr";
  const { unit, alertsWhen } = METRICS[metric];
  const kind = unit === "ms" ? (fr ? "une durée" : "a duration") : fr ? "un pourcentage" : "a percentage";
  const bounds = alertsWhen === "above" ? [unit === "ms" ? "0" : "0%", code(threshold)] : [code(threshold), "100%"];
  return fr
    ? `${kind} entre ${bounds[0]} et ${bounds[1]}, bornes exclues`
    : `${kind} between ${bounds[0]} and ${bounds[1]}, both excluded`;
}

/** How the alert resolves, in words. */
function resolves(metric: PerformanceMetric, lang: Language): string {
  const below = METRICS[metric].alertsWhen === "above";
  return lang === "fr"
    ? `l'alerte se résout quand la mesure repasse ${below ? "sous" : "au-dessus de"} ce seuil`
    : `the alert resolves when the metric goes back ${below ? "below" : "above"} it`;
}

export const performanceResolve = defineFileRule<{
  subject: Localized;
  value: unknown;
  metric: PerformanceMetric;
  threshold: string;
}>({
  id: "performance-resolve",
  severity: "error",
  checks: {
    fr: "`resolve` est dans l'unité de la mesure et du bon côté du seuil : plus bas pour `p50`, `p95`, `p99` et `failureRate`, plus haut (et sous 100%) pour `crashFreeSessions`.",
    en: "`resolve` is in the metric's unit and on the right side of the threshold: lower for `p50`, `p95`, `p99` and `failureRate`, higher (and under 100%) for `crashFreeSessions`.",
  },
  message: ({ subject, value, metric, threshold }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} ne convient pas pour ${code(`${metric}: ${threshold}`)} ; écrivez ${between(metric, threshold, lang)} (${resolves(metric, lang)})`
        : `${subject.en}: ${shown(value, lang)} does not fit ${code(`${metric}: ${threshold}`)}; write ${between(metric, threshold, lang)} (${resolves(metric, lang)})`,
    ),
  check(file) {
    eachPerformanceAlert(file.data, (alert, path) => {
      const read = readMetric(alert);
      const written = field(alert, "resolve");
      if (!read || written === undefined) return;
      const { unit, alertsWhen } = METRICS[read.metric];
      const resolve = typeof written === "string" ? thresholdValue(written, unit) : undefined;
      const fits =
        resolve !== undefined &&
        (alertsWhen === "above" ? resolve > 0 && resolve < read.value : resolve > read.value && resolve < 100);
      if (!fits) {
        const at = [...path, "resolve"];
        file.report(
          performanceResolve,
          { subject: file.where(at), value: written, metric: read.metric, threshold: read.written },
          at,
        );
      }
    });
  },
});
