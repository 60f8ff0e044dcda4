import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const ownerFormat = defineRule<ValueParams>({
  id: "owner-format",
  severity: "error",
  checks: {
    fr: "`owners` liste des comptes GitHub (`octocat`, sans `@`).",
    en: "`owners` lists GitHub accounts (`octocat`, no `@`).",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un compte GitHub ; écrivez le nom du compte seul, comme \`octocat\` (sans \`@\` ni URL)`
        : `${subject.en}: ${shown(value, lang)} is not a GitHub account; write the account name alone, like \`octocat\` (no \`@\` or URL)`,
    ),
});
