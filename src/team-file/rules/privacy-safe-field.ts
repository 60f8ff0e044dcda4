import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { field, list, text } from "./values";

// How Sentry's server applies them (getsentry/relay relay-pii/src/convert.rs@06e9b6c, `to_pii_config`):
// sensitive fields become one case-insensitive, unanchored regex over keys (rule "strip-fields"), so a
// field scrubs every key that contains it; each safe field is parsed as a selector
// (`SelectorSpec::parse_non_legacy`) and excluded from every rule, so `*`, `**`, `$string`, `a || b`
// exempt whole classes of values, and a plain name exempts the key it names.

/** Characters that make a safe field a selector for more than one named field. */
const WILDCARD = /[*?$|&!~()[\]{}'"\s]/u;

/** The scrubbed field a safe field would exempt, if any: the safe field's name contains it. */
export function coveredSensitiveField(safe: string, sensitive: readonly string[]): string | undefined {
  const lower = safe.toLowerCase();
  return sensitive.find((s) => lower.includes(s.toLowerCase()));
}

export const privacySafeField = defineFileRule<{ safe: string; covers?: string }>({
  id: "privacy-safe-field",
  severity: "error",
  checks: {
    fr: "`privacy.safeFields` n'exempte jamais un champ masqué par la stack (ni par le fichier) et ne contient pas de joker (`*`).",
    en: "`privacy.safeFields` never exempts a field the stack (or the file) scrubs and holds no wildcard (`*`).",
  },
  message: ({ safe, covers }) =>
    localize((lang) => {
      if (covers === undefined) {
        return lang === "fr"
          ? `\`safeFields\` : ${quoted(safe, lang)} n'est pas un nom de champ précis (joker ou caractère spécial) et pourrait exempter du masquage bien plus qu'un champ ; listez les noms exacts des champs sans données personnelles`
          : `\`safeFields\`: ${quoted(safe, lang)} is not an exact field name (wildcard or special character) and could exempt much more than one field from scrubbing; list the exact names of fields without personal data`;
      }
      return lang === "fr"
        ? `\`safeFields\` : ${quoted(safe, lang)} exempterait du masquage un champ que la stack masque dans tous les projets (${quoted(covers, lang)}, donnée personnelle) ; retirez-le, et demandez aux ops si ce champ ne contient vraiment rien de personnel`
        : `\`safeFields\`: ${quoted(safe, lang)} would exempt from scrubbing a field the stack scrubs in every project (${quoted(covers, lang)}, personal data); remove it, and ask ops if that field truly holds nothing personal`;
    }),
  check(file) {
    list(field(file.data, "projects")).forEach((project, p) => {
      const privacy = field(project, "privacy");
      const scrubbed = [
        ...file.policy.privacy.sensitiveFields,
        ...list(field(privacy, "sensitiveFields")).filter((f): f is string => typeof f === "string" && f !== ""),
      ];
      list(field(privacy, "safeFields")).forEach((value, s) => {
        const safe = text(value);
        if (safe === undefined || safe === "") return;
        const path = ["projects", p, "privacy", "safeFields", s];
        if (WILDCARD.test(safe)) file.report(privacySafeField, { safe }, path);
        else {
          const covers = coveredSensitiveField(safe, scrubbed);
          if (covers !== undefined) file.report(privacySafeField, { safe, covers }, path);
        }
      });
    });
  },
});
