import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { EMAIL_MAX_LENGTH } from "../schema";
import { memberAddress } from "./member-duplicate";
import { defineFileRule } from "./rule";
import { field, list } from "./values";

export const emailTooLong = defineFileRule<{ address: string }>({
  id: "email-too-long",
  severity: "error",
  checks: {
    fr: `L'adresse d'un membre (celle d'un identifiant comprise) fait au plus ${EMAIL_MAX_LENGTH} caractères, la limite des invitations de Sentry.`,
    en: `A member's address (including a handle's) is at most ${EMAIL_MAX_LENGTH} characters, the limit of Sentry's invitations.`,
  },
  message: ({ address }) =>
    localize((lang) =>
      lang === "fr"
        ? `l'adresse ${quoted(address, lang)} fait ${address.length} caractères : Sentry n'invite que des adresses de ${EMAIL_MAX_LENGTH} caractères au plus ; vérifiez l'identifiant, ou demandez aux ops`
        : `the address ${quoted(address, lang)} is ${address.length} characters long: Sentry only invites addresses of at most ${EMAIL_MAX_LENGTH} characters; check the handle, or ask ops`,
    ),
  check(file) {
    list(field(file.data, "members")).forEach((member, i) => {
      const address = memberAddress(member, file.policy.members.handleDomain);
      if (address !== undefined && address.length > EMAIL_MAX_LENGTH) {
        file.report(emailTooLong, { address }, ["members", i]);
      }
    });
  },
});
