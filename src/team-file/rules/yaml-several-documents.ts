import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlSeveralDocuments = defineRule({
  id: "yaml-several-documents",
  severity: "error",
  checks: {
    fr: "Un seul document par fichier (pas de séparateur `---` entre deux équipes).",
    en: "One document per file (no `---` separator between two teams).",
  },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "plusieurs documents (`---`) dans un même fichier : une seule équipe par fichier, retirez le `---` et ce qui suit ou déplacez-le dans son propre fichier"
        : "several documents (`---`) in one file: one team per file, remove the `---` and what follows or move it to its own file",
    ),
});
