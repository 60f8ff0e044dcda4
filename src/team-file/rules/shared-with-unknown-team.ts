import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const sharedWithUnknownTeam = defineRule<{ slug: string; folder: string }>({
  id: "shared-with-unknown-team",
  severity: "error",
  checks: {
    fr: "Chaque équipe de `sharedWith` a son fichier dans le même dossier (`teams/<slug>.yaml`).",
    en: "Every team of `sharedWith` has its file in the same folder (`teams/<slug>.yaml`).",
  },
  message: ({ slug, folder }) =>
    localize((lang) =>
      lang === "fr"
        ? `aucune équipe ${quoted(slug, lang)} : il n'y a pas de fichier ${quoted(`${folder}${slug}.yaml`, lang)} ; écrivez le slug d'une équipe existante (le nom de son fichier sans \`.yaml\`)`
        : `no team ${quoted(slug, lang)}: there is no file ${quoted(`${folder}${slug}.yaml`, lang)}; write the slug of an existing team (the name of its file without \`.yaml\`)`,
    ),
});
