import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileTooLarge = defineRule<{ bytes: number; limitKiB: number }>({
  id: "file-too-large",
  severity: "error",
  checks: {
    fr: "Un fichier d'équipe fait au plus 256 Kio.",
    en: "A team file is at most 256 KiB.",
  },
  message: ({ bytes, limitKiB }) =>
    localize((lang) =>
      lang === "fr"
        ? `le fichier fait ${bytes} octets, plus que la limite de ${limitKiB} Kio d'un fichier d'équipe : gardez une équipe par fichier et retirez le contenu généré`
        : `the file is ${bytes} bytes, over the ${limitKiB} KiB limit of a team file: keep one team per file and remove generated content`,
    ),
});
