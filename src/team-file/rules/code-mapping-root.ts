import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const codeMappingRoot = defineRule<ValueParams>({
  id: "code-mapping-root",
  severity: "error",
  checks: {
    fr: "`codeMapping.stackRoot` et `sourceRoot` sont des chemins sans espace ni guillemet (ils peuvent être vides).",
    en: "`codeMapping.stackRoot` and `sourceRoot` are paths with no space or quote (they may be empty).",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : Sentry refuse le chemin ${shown(value, lang)}, qui contient une espace ou un guillemet ; écrivez le chemin sans espace ni guillemet (par exemple \`front/src/\`), ou laissez-le vide (\`""\`)`
        : `${subject.en}: Sentry refuses the path ${shown(value, lang)}, which holds a space or a quote; write the path with no space or quote (e.g. \`front/src/\`), or leave it empty (\`""\`)`,
    ),
});
