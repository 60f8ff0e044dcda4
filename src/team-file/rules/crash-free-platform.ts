import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { eachUnsentMetric } from "./performance-thresholds";
import { defineFileRule } from "./rule";

export const crashFreePlatform = defineFileRule<{ platform: string }>({
  id: "crash-free-platform",
  severity: "warning",
  checks: {
    fr: "Avertissement : `crashFreeSessions` se calcule sur les sessions (release health), que Sentry ne liste pas pour toutes les plateformes.",
    en: "Warning: `crashFreeSessions` is computed from sessions (release health), which Sentry does not list for every platform.",
  },
  message: ({ platform }) =>
    localize((lang) =>
      lang === "fr"
        ? `\`crashFreeSessions\` se calcule sur les sessions (release health), que Sentry ne liste pas pour la plateforme ${quoted(platform, lang)} : l'alerte ne partira que si votre SDK envoie des sessions ; vérifiez-le dans sa documentation`
        : `\`crashFreeSessions\` is computed from sessions (release health), which Sentry does not list for the platform ${quoted(platform, lang)}: the alert only fires if your SDK sends sessions; check its documentation`,
    ),
  check(file) {
    eachUnsentMetric(file.data, "sessions", (at, _metric, platform) =>
      file.report(crashFreePlatform, { platform }, at),
    );
  },
});
