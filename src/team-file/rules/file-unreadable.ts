import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileUnreadable = defineRule<{ name: string; code: string }>({
  id: "file-unreadable",
  severity: "error",
  checks: {
    fr: "Chaque fichier d'équipe peut être lu (droits de lecture).",
    en: "Every team file can be read (read permission).",
  },
  message: ({ name, code }) =>
    localize((lang) =>
      lang === "fr"
        ? `impossible de lire ${quoted(name, lang)} (${code}) : vérifiez que c'est un fichier lisible`
        : `cannot read ${quoted(name, lang)} (${code}): check that it is a readable file`,
    ),
});
