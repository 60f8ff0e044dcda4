import { code, joinWords } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { durationMinutes } from "../../stack/policy";
import { METRICS, metricsOf, PERFORMANCE_WINDOWS, SESSION_WINDOWS, type PerformanceMetric } from "../performance";
import { DURATION_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { eachPerformanceAlert, field, isRecord, matches, text } from "./values";

/** The window written another way (`60m` for `1h`, `24h` for `1d`, `10` for `10m`), if it is one of `windows`. */
function windowMeant(value: unknown, windows: readonly string[]): string | undefined {
  const written = typeof value === "number" ? `${value}m` : text(value)?.trim();
  if (!matches(DURATION_PATTERN, written)) return undefined;
  return windows.find((w) => durationMinutes(w) === durationMinutes(written));
}

// A value rule (the schema's list of windows), and a file rule: the windows of the alert's metric.
export const performanceWindow = defineFileRule<ValueParams & { metric?: PerformanceMetric }>({
  id: "performance-window",
  severity: "error",
  checks: {
    fr: "`per` d'une alerte de performance est une fenêtre que Sentry permet pour sa mesure : 1m, 5m, 10m, 15m, 30m, 1h, 2h, 4h ou 1d ; pour `crashFreeSessions`, 30m, 1h, 2h, 4h, 12h ou 1d.",
    en: "`per` of a performance alert is a window Sentry allows for its metric: 1m, 5m, 10m, 15m, 30m, 1h, 2h, 4h or 1d; for `crashFreeSessions`, 30m, 1h, 2h, 4h, 12h or 1d.",
  },
  message: ({ subject, value, metric }) =>
    localize((lang) => {
      const windows = metric ? METRICS[metric].windows : PERFORMANCE_WINDOWS;
      const meant = windowMeant(value, windows);
      const choose = joinWords(windows.map(code), lang);
      const sessions = joinWords(SESSION_WINDOWS.map(code), lang);
      if (lang === "fr") {
        if (metric)
          return `${subject.fr} : Sentry ne permet pas la fenêtre ${shown(value, lang)} pour ${code(metric)} ; choisissez ${choose}`;
        const fix = meant
          ? `écrivez ${code(meant)}`
          : `choisissez ${choose} (pour \`crashFreeSessions\` : ${sessions})`;
        return `${subject.fr} : ${shown(value, lang)} n'est pas une fenêtre de calcul de Sentry ; ${fix}`;
      }
      if (metric)
        return `${subject.en}: Sentry does not allow the window ${shown(value, lang)} for ${code(metric)}; choose ${choose}`;
      const fix = meant ? `write ${code(meant)}` : `choose ${choose} (for \`crashFreeSessions\`: ${sessions})`;
      return `${subject.en}: ${shown(value, lang)} is not one of Sentry's windows; ${fix}`;
    }),
  check(file) {
    eachPerformanceAlert(file.data, (alert, path) => {
      const per = text(field(alert, "per"));
      const metrics = isRecord(alert) ? metricsOf(alert) : [];
      if (metrics.length !== 1 || per === undefined || !(PERFORMANCE_WINDOWS as readonly string[]).includes(per))
        return;
      const [metric] = metrics;
      if (!(METRICS[metric].windows as readonly string[]).includes(per)) {
        file.report(performanceWindow, { subject: file.where([...path, "per"]), value: per, metric }, [...path, "per"]);
      }
    });
  },
});
