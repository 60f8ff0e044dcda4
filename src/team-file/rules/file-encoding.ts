import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileEncoding = defineRule({
  id: "file-encoding",
  severity: "error",
  checks: { fr: "Le fichier est en UTF-8.", en: "The file is UTF-8." },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8 (les accents sont permis, les autres encodages non)"
        : "the file is not UTF-8: save it as UTF-8 (accented letters are fine, other encodings are not)",
    ),
});
