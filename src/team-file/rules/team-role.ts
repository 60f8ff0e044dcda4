import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const teamRole = defineRule<ValueParams>({
  id: "team-role",
  severity: "error",
  checks: {
    fr: "`teamRole` vaut `contributor` (par défaut) ou `admin`.",
    en: "`teamRole` is `contributor` (the default) or `admin`.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un rôle d'équipe ; écrivez \`contributor\` ou \`admin\` (les rôles d'organisation se demandent aux ops)`
        : `${subject.en}: ${shown(value, lang)} is not a team role; write \`contributor\` or \`admin\` (ask ops for organization roles)`,
    ),
});
