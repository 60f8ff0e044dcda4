import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const codeMappingBranch = defineRule<ValueParams>({
  id: "code-mapping-branch",
  severity: "error",
  checks: {
    fr: "`codeMapping.branch` est un nom de branche que Sentry accepte : lettres, chiffres, `_`, `.`, `/`, `-`, sans `/` au début ni à la fin.",
    en: "`codeMapping.branch` is a branch name Sentry accepts: letters, digits, `_`, `.`, `/`, `-`, no `/` at either end.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : Sentry refuse la branche ${shown(value, lang)} ; un nom de branche n'a que des lettres, chiffres, \`_\`, \`.\`, \`/\` et \`-\`, sans \`/\` au début ni à la fin (par exemple \`main\` ou \`release/v2\`)`
        : `${subject.en}: Sentry refuses the branch ${shown(value, lang)}; a branch name has only letters, digits, \`_\`, \`.\`, \`/\` and \`-\`, no \`/\` at either end (e.g. \`main\` or \`release/v2\`)`,
    ),
});
