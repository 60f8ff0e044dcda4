import { code, joinWords, quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { PLATFORMS_WITHOUT_TRANSACTIONS, type PerformanceMetric } from "../performance";
import { eachUnsentMetric } from "./performance-thresholds";
import { defineFileRule } from "./rule";

export const performancePlatform = defineFileRule<{ metric: PerformanceMetric; platform: string }>({
  id: "performance-platform",
  severity: "error",
  checks: {
    fr: `Une alerte sur la durée ou le taux d'échec des transactions n'est possible que si Sentry suit les performances de la plateforme du projet (pas ${joinWords(PLATFORMS_WITHOUT_TRANSACTIONS.map(code), "fr")}).`,
    en: `An alert on transaction duration or failure rate needs a project platform Sentry tracks performance for (not ${joinWords(PLATFORMS_WITHOUT_TRANSACTIONS.map(code), "en")}).`,
  },
  message: ({ metric, platform }) =>
    localize((lang) =>
      lang === "fr"
        ? `${code(metric)} mesure les transactions, que Sentry ne reçoit pas de la plateforme ${quoted(platform, lang)} (pas de suivi des performances) : cette alerte ne partirait jamais ; retirez-la, ou corrigez \`platform\``
        : `${code(metric)} measures transactions, which Sentry does not receive from the platform ${quoted(platform, lang)} (no performance monitoring): this alert would never fire; remove it, or fix \`platform\``,
    ),
  check(file) {
    eachUnsentMetric(file.data, "transactions", (at, metric, platform) =>
      file.report(performancePlatform, { metric, platform }, at),
    );
  },
});
