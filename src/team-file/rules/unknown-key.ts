import { code, joinWords } from "../../i18n/format";
import { localize, type Localized } from "../../i18n/language";
import { defineRule } from "./rule";

export const unknownKey = defineRule<{ key: string; inside: Localized; suggestion?: string; allowed: string[] }>({
  id: "unknown-key",
  severity: "error",
  checks: {
    fr: "Seules les clés documentées sont acceptées ; une faute de frappe reçoit la clé la plus proche.",
    en: "Only documented keys are accepted; a typo gets the nearest key.",
  },
  message: ({ key, inside, suggestion, allowed }) =>
    localize((lang) => {
      const allowedKeys = joinWords(
        allowed.map((k) => `\`${k}\``),
        lang,
      );
      if (lang === "fr") {
        return suggestion
          ? `clé inconnue ${code(key)} ${inside.fr} : vouliez-vous écrire \`${suggestion}\` ?`
          : `clé inconnue ${code(key)} ${inside.fr} : retirez-la (clés possibles : ${allowedKeys})`;
      }
      return suggestion
        ? `unknown key ${code(key)} ${inside.en}: did you mean \`${suggestion}\`?`
        : `unknown key ${code(key)} ${inside.en}: remove it (possible keys: ${allowedKeys})`;
    }),
});
