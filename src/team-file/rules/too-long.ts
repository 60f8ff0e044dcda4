import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const tooLong = defineRule<ValueParams & { limit: number }>({
  id: "too-long",
  severity: "error",
  checks: {
    fr: "Les textes ont une longueur maximale (nom de l'équipe 64 caractères, nom de projet 50...).",
    en: "Texts have a maximum length (team name 64 characters, project name 50...).",
  },
  message: ({ subject, value, limit }) =>
    localize((lang) => {
      const length = typeof value === "string" ? [...value].length : 0;
      return lang === "fr"
        ? `${subject.fr} est trop long (${length} caractères) : ${limit} au plus`
        : `${subject.en} is too long (${length} characters): at most ${limit}`;
    }),
});
