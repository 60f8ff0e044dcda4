import { joinWords, quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { EMAIL_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { field, list, matches, text } from "./values";

export const emailDomain = defineFileRule<{ domain: string; allowed: string[] }>({
  id: "email-domain",
  severity: "error",
  checks: {
    fr: "Une adresse `email:` explicite est d'un domaine autorisé par la stack (prod : beta.gouv.fr).",
    en: "An explicit `email:` address is of a domain the stack allows (prod: beta.gouv.fr).",
  },
  message: ({ domain, allowed }) =>
    localize((lang) => {
      const domains = joinWords(allowed, lang);
      return lang === "fr"
        ? `le domaine ${quoted(domain, lang)} n'est pas autorisé sur cette instance (autorisés : ${domains}) ; utilisez l'identifiant beta.gouv.fr de la personne, ou demandez aux ops d'autoriser le domaine`
        : `the domain ${quoted(domain, lang)} is not allowed on this instance (allowed: ${domains}); use the person's beta.gouv.fr handle, or ask ops to allow the domain`;
    }),
  check(file) {
    const allowed = file.policy.members.allowedEmailDomains.map((d) => d.toLowerCase());
    list(field(file.data, "members")).forEach((member, i) => {
      const email = text(field(member, "email"));
      if (!matches(EMAIL_PATTERN, email)) return;
      const domain = email.split("@")[1].toLowerCase();
      if (!allowed.includes(domain)) file.report(emailDomain, { domain, allowed }, ["members", i, "email"]);
    });
  },
});
