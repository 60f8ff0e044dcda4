import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { HANDLE_PATTERN } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { matches } from "./values";

/** The handle someone most likely meant: lower case, trimmed, dots not doubled nor at the ends. */
function fixedHandle(value: string): string | undefined {
  const fixed = value
    .trim()
    .toLowerCase()
    .replace(/\.{2,}/g, ".")
    .replace(/^\.+|\.+$/g, "");
  return fixed !== value && matches(HANDLE_PATTERN, fixed) ? fixed : undefined;
}

/** `julie.dupont@beta.gouv.fr` written where a handle goes: the handle part, when it is one. */
function handleOfAddress(value: string): string | undefined {
  const address = /^([^@\s]+)@[^@\s]+$/.exec(value);
  const local = address?.[1].toLowerCase();
  return local !== undefined && matches(HANDLE_PATTERN, local) ? local : undefined;
}

export const handleFormat = defineRule<ValueParams>({
  id: "handle-format",
  severity: "error",
  checks: {
    fr: "Un identifiant s'écrit `prenom.nom` : minuscules, chiffres, `-`, des parties séparées par un seul `.`, sans `.` au début ni à la fin.",
    en: "A handle is written `first.last`: lower-case letters, digits, `-`, parts separated by single dots, no dot at either end.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const fixed = typeof value === "string" ? fixedHandle(value) : undefined;
      const handle = typeof value === "string" ? handleOfAddress(value) : undefined;
      if (handle) {
        return lang === "fr"
          ? `${subject.fr} : ${shown(value, lang)} est une adresse, pas un identifiant ; pour une adresse beta.gouv.fr, écrivez l'identifiant seul, ${code(handle)}, et pour une autre adresse, le membre sous la forme ${code(`- email: ${String(value)}`)}`
          : `${subject.en}: ${shown(value, lang)} is an address, not a handle; for a beta.gouv.fr address, write the handle alone, ${code(handle)}, and for another address, the member as ${code(`- email: ${String(value)}`)}`;
      }
      if (lang === "fr") {
        const fix = fixed
          ? `écrivez ${code(fixed)}`
          : "un identifiant s'écrit comme `camille.martin` : minuscules, chiffres, `-`, un seul `.` entre deux parties et pas de `.` à la fin";
        return `${subject.fr} : ${shown(value, lang)} n'est pas un identifiant beta.gouv.fr ; ${fix}`;
      }
      const fix = fixed
        ? `write ${code(fixed)}`
        : "a handle is written like `camille.martin`: lower-case letters, digits, `-`, single dots between parts and no dot at the end";
      return `${subject.en}: ${shown(value, lang)} is not a beta.gouv.fr handle; ${fix}`;
    }),
});
