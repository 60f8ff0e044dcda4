import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const emailFormat = defineRule<ValueParams>({
  id: "email-format",
  severity: "error",
  checks: {
    fr: "Une adresse `email:` est une adresse que Sentry accepte d'inviter : avant `@`, lettres sans accent, chiffres et `.-_+` (entre autres), sans `..`, ni `.` au début ou à la fin, ni espace ou caractère de contrôle.",
    en: "An `email:` address is one Sentry accepts to invite: before `@`, unaccented letters, digits and `.-_+` (among others), no `..`, no dot at either end, no space or control character.",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas une adresse que Sentry accepte ; écrivez une adresse comme \`alex.martin@beta.gouv.fr\` (sans accent, espace, \`..\`, ni \`.\` au début ou à la fin du nom), ou utilisez l'identifiant beta.gouv.fr de la personne`
        : `${subject.en}: ${shown(value, lang)} is not an address Sentry accepts; write an address like \`alex.martin@beta.gouv.fr\` (no accent, space, \`..\`, or dot at either end of the name), or use the person's beta.gouv.fr handle`,
    ),
});
