import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { HANDLE_PATTERN, NOTIFY_KEYWORDS } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { nearest } from "./suggest";
import { matches } from "./values";

export const notifyTarget = defineRule<ValueParams>({
  id: "notify-target",
  severity: "error",
  checks: {
    fr: "Un destinataire (`notify`) est `team`, `issue-owners`, `{member: prenom.nom}` ou `{mattermost: canal-sentry}` ; un identifiant seul reçoit la forme `{member: ...}`.",
    en: "A recipient (`notify`) is `team`, `issue-owners`, `{member: first.last}` or `{mattermost: channel-sentry}`; a handle alone gets the `{member: ...}` form.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const word = typeof value === "string" ? value : undefined;
      const keyword = word === undefined ? undefined : nearest(word, NOTIFY_KEYWORDS);
      // beta.gouv.fr handles are `prenom.nom`: a word with a dot is a person.
      const person = word !== undefined && !keyword && word.includes(".") && matches(HANDLE_PATTERN, word);
      const forms = "`team`, `issue-owners`, `{member: prenom.nom}`";
      if (lang === "fr") {
        const fix = person
          ? `pour prévenir cette personne, écrivez ${code(`{member: ${word}}`)}`
          : keyword
            ? `vouliez-vous écrire ${code(keyword)} ?`
            : `écrivez ${forms} ou \`{mattermost: canal-sentry}\``;
        return `${subject.fr} : ${shown(value, lang)} n'est pas un destinataire ; ${fix}`;
      }
      const fix = person
        ? `to notify this person, write ${code(`{member: ${word}}`)}`
        : keyword
          ? `did you mean ${code(keyword)}?`
          : `write ${forms.replace("prenom.nom", "first.last")} or \`{mattermost: channel-sentry}\``;
      return `${subject.en}: ${shown(value, lang)} is not a recipient; ${fix}`;
    }),
});
