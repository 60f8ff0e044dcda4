import { localize, type Localized } from "../../i18n/language";
import { defineRule } from "./rule";

export const missingKey = defineRule<{ key: string; where: Localized }>({
  id: "missing-key",
  severity: "error",
  checks: {
    fr: "Les clés obligatoires sont présentes : `name` du fichier, `slug` d'un projet, `name` et `when` d'une alerte, `name` et `per` d'une alerte de performance.",
    en: "Required keys are present: the file's `name`, a project's `slug`, an alert rule's `name` and `when`, a performance alert's `name` and `per`.",
  },
  message: ({ key, where }) =>
    localize((lang) =>
      lang === "fr"
        ? `il manque la clé obligatoire \`${key}\` dans ${where.fr} : ajoutez-la`
        : `${where.en} lacks the required key \`${key}\`: add it`,
    ),
});
