import { localize } from "../../i18n/language";
import { MAX_PROJECTS_PER_FILE } from "../schema";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const tooManyProjects = defineRule<ValueParams>({
  id: "too-many-projects",
  severity: "error",
  checks: {
    fr: `Au plus ${MAX_PROJECTS_PER_FILE} projets par fichier.`,
    en: `At most ${MAX_PROJECTS_PER_FILE} projects per file.`,
  },
  message: ({ value }) =>
    localize((lang) => {
      const count = Array.isArray(value) ? value.length : 0;
      return lang === "fr"
        ? `${count} projets dans un fichier, plus que la limite de ${MAX_PROJECTS_PER_FILE} : une startup en a 1 à 3 ; regroupez, ou demandez aux ops`
        : `${count} projects in one file, over the limit of ${MAX_PROJECTS_PER_FILE}: a startup has 1 to 3; group them, or ask ops`;
    }),
});
