import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const memberForm = defineRule<ValueParams>({
  id: "member-form",
  severity: "error",
  checks: {
    fr: "Un membre est un identifiant (`- camille.martin`), `{handle: ..., teamRole: ...}` ou `{email: ..., teamRole: ...}`.",
    en: "A member is a handle (`- camille.martin`), `{handle: ..., teamRole: ...}` or `{email: ..., teamRole: ...}`.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un membre ; écrivez un identifiant (\`- camille.martin\`), ou \`- handle: camille.martin\` avec \`teamRole: admin\` aligné dessous, ou \`- email: ...\``
        : `${subject.en}: ${shown(value, lang)} is not a member; write a handle (\`- camille.martin\`), or \`- handle: camille.martin\` with \`teamRole: admin\` aligned under it, or \`- email: ...\``,
    ),
});
