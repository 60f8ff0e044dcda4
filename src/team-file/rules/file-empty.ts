import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileEmpty = defineRule({
  id: "file-empty",
  severity: "error",
  checks: { fr: "Le fichier n'est pas vide.", en: "The file is not empty." },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "le fichier est vide : un fichier d'équipe contient au moins `name: <nom de l'équipe>`"
        : "the file is empty: a team file needs at least `name: <team display name>`",
    ),
});
