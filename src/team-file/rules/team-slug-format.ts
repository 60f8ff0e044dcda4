import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const teamSlugFormat = defineRule<ValueParams>({
  id: "team-slug-format",
  severity: "error",
  checks: {
    fr: "Une équipe de `sharedWith` est nommée par son slug, le nom de son fichier sans `.yaml`.",
    en: "A team of `sharedWith` is named by its slug, the name of its file without `.yaml`.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un slug d'équipe ; écrivez le nom de son fichier sans \`.yaml\` (\`teams/aides-jeunes.yaml\` → \`aides-jeunes\`)`
        : `${subject.en}: ${shown(value, lang)} is not a team slug; write the name of its file without \`.yaml\` (\`teams/aides-jeunes.yaml\` → \`aides-jeunes\`)`,
    ),
});
