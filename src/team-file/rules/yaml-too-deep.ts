import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlTooDeep = defineRule<{ limit: number }>({
  id: "yaml-too-deep",
  severity: "error",
  checks: {
    fr: "Des listes et des blocs imbriqués sur 16 niveaux au plus (un fichier d'équipe en utilise 7).",
    en: "Lists and blocks nested 16 levels deep at most (a team file uses 7).",
  },
  message: ({ limit }) =>
    localize((lang) =>
      lang === "fr"
        ? `des listes ou des blocs sont imbriqués sur plus de ${limit} niveaux : un fichier d'équipe n'en a jamais besoin, reprenez l'exemple du guide`
        : `lists or blocks are nested more than ${limit} levels deep: a team file never needs that, start again from the guide's example`,
    ),
});
