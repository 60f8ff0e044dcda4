import { localize } from "../../i18n/language";
import { MAX_PERFORMANCE_ALERTS_PER_PROJECT } from "../schema";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const tooManyPerformanceAlerts = defineRule<ValueParams>({
  id: "too-many-performance-alerts",
  severity: "error",
  checks: {
    fr: `Au plus ${MAX_PERFORMANCE_ALERTS_PER_PROJECT} alertes de performance par projet.`,
    en: `At most ${MAX_PERFORMANCE_ALERTS_PER_PROJECT} performance alerts per project.`,
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const count = Array.isArray(value) ? value.length : 0;
      return lang === "fr"
        ? `${subject.fr} : ${count} alertes de performance, plus que la limite de ${MAX_PERFORMANCE_ALERTS_PER_PROJECT} par projet ; gardez celles qui surveillent ce qui compte pour vos utilisateurs, ou demandez aux ops`
        : `${subject.en}: ${count} performance alerts, over the limit of ${MAX_PERFORMANCE_ALERTS_PER_PROJECT} per project; keep those that watch what matters to your users, or ask ops`;
    }),
});
