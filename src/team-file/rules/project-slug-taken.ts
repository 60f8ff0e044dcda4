import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const projectSlugTaken = defineRule<{ slug: string; file: string; line: number; col: number }>({
  id: "project-slug-taken",
  severity: "error",
  checks: {
    fr: "Un slug de projet est unique dans toute l'organisation (tous les fichiers).",
    en: "A project slug is unique across the whole organization (all files).",
  },
  message: ({ slug, file, line, col }) =>
    localize((lang) =>
      lang === "fr"
        ? `le slug de projet ${quoted(slug, lang)} est déjà déclaré dans ${quoted(`${file}:${line}:${col}`, lang)} ; un slug est unique dans toute l'organisation, choisissez-en un autre`
        : `the project slug ${quoted(slug, lang)} is already declared in ${quoted(`${file}:${line}:${col}`, lang)}; a slug is unique across the whole organization, pick another one`,
    ),
});
