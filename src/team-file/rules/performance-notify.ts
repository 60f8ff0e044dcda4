import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { HANDLE_PATTERN } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { nearest } from "./suggest";
import { field, matches, text } from "./values";

// Sentry sends a metric alert by e-mail to a team or a user, or through integrations (Slack, PagerDuty,
// MS Teams, Sentry apps): getsentry/sentry src/sentry/incidents/models.py (stored version 136049864),
// AlertRuleTriggerAction.Type and TargetType. There are no issue owners for a metric, and the
// sentry-mattermost bridge only reads the issue events of the legacy Webhooks plugin
// (betagouv/sentry-mattermost bridge.mjs@00271040, payloadToMarkdown reads payload.event), which
// metric alerts never call.
export const performanceNotify = defineRule<ValueParams>({
  id: "performance-notify",
  severity: "error",
  checks: {
    fr: "Une alerte de performance prévient par e-mail `team` ou `{member: prenom.nom}` (ni `issue-owners`, ni Mattermost, que Sentry n'offre pas pour ces alertes).",
    en: "A performance alert notifies `team` or `{member: first.last}` by e-mail (neither `issue-owners` nor Mattermost, which Sentry does not offer for these alerts).",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const word = text(value);
      const person = word !== undefined && word.includes(".") && matches(HANDLE_PATTERN, word);
      const fr = lang === "fr";
      const forms = fr ? "`team` ou `{member: prenom.nom}`" : "`team` or `{member: first.last}`";
      const why =
        word === "issue-owners"
          ? fr
            ? "les propriétaires de problème n'existent pas pour une mesure"
            : "a metric has no issue owners"
          : field(value, "mattermost") !== undefined
            ? fr
              ? "le pont sentry-mattermost ne reçoit que les alertes d'erreurs"
              : "the sentry-mattermost bridge only receives error alerts"
            : undefined;
      const keyword = word !== undefined && word !== "issue-owners" ? nearest(word, ["team"]) : undefined;
      if (keyword)
        return fr
          ? `${subject.fr} : ${shown(value, lang)} n'est pas un destinataire ; vouliez-vous écrire \`team\` ?`
          : `${subject.en}: ${shown(value, lang)} is not a recipient; did you mean \`team\`?`;
      if (person)
        return fr
          ? `${subject.fr} : pour prévenir cette personne, écrivez ${code(`{member: ${word}}`)}`
          : `${subject.en}: to notify this person, write ${code(`{member: ${word}}`)}`;
      if (why)
        return fr
          ? `${subject.fr} : ${shown(value, lang)} n'est pas possible pour une alerte de performance (${why}) ; écrivez ${forms}`
          : `${subject.en}: ${shown(value, lang)} is not possible for a performance alert (${why}); write ${forms}`;
      return fr
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un destinataire d'alerte de performance ; écrivez ${forms}`
        : `${subject.en}: ${shown(value, lang)} is not a recipient of performance alerts; write ${forms}`;
    }),
});
