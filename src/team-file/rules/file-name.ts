import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileName = defineRule<{ stem: string; suggestion: string }>({
  id: "file-name",
  severity: "error",
  checks: {
    fr: "Le nom du fichier est le slug de l'équipe : minuscules, chiffres, `-` ou `_`, 50 caractères au plus, pas uniquement des chiffres.",
    en: "The file name is the team slug: lower-case letters, digits, `-` or `_`, at most 50 characters, not only digits.",
  },
  message: ({ stem, suggestion }) =>
    localize((lang) =>
      lang === "fr"
        ? `le nom du fichier, ${quoted(stem, lang)}, est le slug de l'équipe : minuscules, chiffres, \`-\` ou \`_\`, 50 caractères au plus, pas uniquement des chiffres ; renommez le fichier, par exemple en ${quoted(`${suggestion}.yaml`, lang)}`
        : `the file name ${quoted(stem, lang)} is the team slug: lower-case letters, digits, \`-\` or \`_\`, at most 50 characters, not only digits; rename the file, e.g. to ${quoted(`${suggestion}.yaml`, lang)}`,
    ),
});
