import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlAliases = defineRule<{ limit: number }>({
  id: "yaml-aliases",
  severity: "error",
  checks: {
    fr: "Au plus 50 reprises d'ancres YAML (`&a` ... `*a`) par fichier.",
    en: "At most 50 uses of YAML anchors (`&a` ... `*a`) per file.",
  },
  message: ({ limit }) =>
    localize((lang) =>
      lang === "fr"
        ? `trop de reprises d'ancres YAML (\`*nom\`, limite ${limit}) : écrivez les valeurs en entier au lieu d'utiliser des ancres`
        : `too many uses of YAML anchors (\`*name\`, limit ${limit}): write the values out instead of using anchors`,
    ),
});
