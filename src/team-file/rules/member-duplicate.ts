import { quoted } from "../../i18n/format";
import { localize, type Localized } from "../../i18n/language";
import { EMAIL_PATTERN, HANDLE_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { field, list, matches, text } from "./values";

/** The address Sentry will know a member by: `<handle>@<handle domain>`, or the explicit e-mail in lower case. */
export function memberAddress(member: unknown, handleDomain: string): string | undefined {
  const handle = text(member) ?? text(field(member, "handle"));
  if (matches(HANDLE_PATTERN, handle)) return `${handle}@${handleDomain}`;
  const email = text(field(member, "email"));
  return matches(EMAIL_PATTERN, email) ? email.toLowerCase() : undefined;
}

export const memberDuplicate = defineFileRule<{ who: string; first: Localized; sameAddress: boolean }>({
  id: "member-duplicate",
  severity: "error",
  checks: {
    fr: "Une personne n'apparaît qu'une fois par fichier, y compris sous deux formes (identifiant et `email:` de la même adresse).",
    en: "A person appears once per file, including in two forms (a handle and an `email:` of the same address).",
  },
  message: ({ who, first, sameAddress }) =>
    localize((lang) => {
      if (lang === "fr") {
        return sameAddress
          ? `${quoted(who, lang)} est déjà membre de l'équipe sous une autre forme (${first.fr}) : gardez une seule entrée`
          : `${quoted(who, lang)} figure deux fois dans l'équipe (déjà ${first.fr}) : gardez une seule entrée`;
      }
      return sameAddress
        ? `${quoted(who, lang)} is already a member of the team in another form (${first.en}): keep one entry`
        : `${quoted(who, lang)} is listed twice in the team (already ${first.en}): keep one entry`;
    }),
  check(file) {
    const seen = new Map<string, number>();
    list(field(file.data, "members")).forEach((member, i) => {
      const address = memberAddress(member, file.policy.members.handleDomain);
      if (address === undefined) return;
      const first = seen.get(address);
      if (first === undefined) {
        seen.set(address, i);
        return;
      }
      const firstMember = list(field(file.data, "members"))[first];
      const handle = text(member) ?? text(field(member, "handle"));
      const firstHandle = text(firstMember) ?? text(field(firstMember, "handle"));
      const sameForm = handle !== undefined && handle === firstHandle;
      file.report(
        memberDuplicate,
        { who: sameForm ? handle : address, first: file.where(["members", first]), sameAddress: !sameForm },
        ["members", i],
      );
    });
  },
});
