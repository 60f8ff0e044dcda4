import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { suggestSlug } from "../slug";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const slugFormat = defineRule<ValueParams>({
  id: "slug-format",
  severity: "error",
  checks: {
    fr: "Un slug de projet : minuscules, chiffres, `-` ou `_`, 50 caractères au plus, pas uniquement des chiffres.",
    en: "A project slug: lower-case letters, digits, `-` or `_`, at most 50 characters, not only digits.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const example = typeof value === "string" ? code(suggestSlug(value)) : "`aides-jeunes-front`";
      return lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un slug Sentry (minuscules, chiffres, \`-\` ou \`_\`, 50 caractères au plus, pas uniquement des chiffres) ; par exemple ${example}`
        : `${subject.en}: ${shown(value, lang)} is not a Sentry slug (lower-case letters, digits, \`-\` or \`_\`, at most 50 characters, not only digits); e.g. ${example}`;
    }),
});
