import { joinWords } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { SENTRY_PLATFORMS } from "../platforms";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { nearest } from "./suggest";

/**
 * The platform ids someone writing `value` most likely meant: the framework or language name alone
 * (`vue`, `django`, `vuejs`, `next.js`) finds the ids it ends (`javascript-vue`, `python-django`);
 * otherwise the nearest id by spelling (`pyhton-django`).
 */
export function suggestPlatforms(value: string, platforms: readonly string[] = SENTRY_PLATFORMS): string[] {
  const word = value
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, "-");
  if (word === "") return [];
  const variants = new Set([word, word.replace(/-?js$/, ""), `${word.replace(/-?js$/, "")}js`]);
  const bySuffix = platforms.filter((id) => [...variants].some((v) => id === v || id.endsWith(`-${v}`)));
  if (bySuffix.length > 0) return bySuffix.slice(0, 3);
  const close = nearest(word, platforms);
  return close ? [close] : [];
}

export const platformUnknown = defineRule<ValueParams>({
  id: "platform-unknown",
  severity: "error",
  checks: {
    fr: "`platform` est un identifiant que Sentry et le provider acceptent (data/sentry-platforms.json), ou `other` ; un nom de framework seul reçoit l'identifiant complet.",
    en: "`platform` is an id both Sentry and the provider accept (data/sentry-platforms.json), or `other`; a framework name alone gets the full id.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const suggestions = typeof value === "string" ? suggestPlatforms(value) : [];
      const written = suggestions.map((s) => `\`${s}\``);
      if (lang === "fr") {
        const fix =
          suggestions.length > 0
            ? `écrivez ${joinWords(written, lang)}`
            : "choisissez un identifiant de data/sentry-platforms.json, ou `other`";
        return `${subject.fr} : ${shown(value, lang)} n'est pas un identifiant de plateforme Sentry ; ${fix}`;
      }
      const fix =
        suggestions.length > 0
          ? `write ${joinWords(written, lang)}`
          : "choose an id from data/sentry-platforms.json, or `other`";
      return `${subject.en}: ${shown(value, lang)} is not a Sentry platform id; ${fix}`;
    }),
});
