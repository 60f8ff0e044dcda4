import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { ALERT_TRIGGERS } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { nearest } from "./suggest";

export const alertTrigger = defineRule<ValueParams>({
  id: "alert-trigger",
  severity: "error",
  checks: {
    fr: "Un déclencheur (`when`) est `new-issue`, `regression`, `reappeared`, `{events: N, per: 1h}` ou `{users: N, per: 1h}`.",
    en: "A trigger (`when`) is `new-issue`, `regression`, `reappeared`, `{events: N, per: 1h}` or `{users: N, per: 1h}`.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const close = typeof value === "string" ? nearest(value, ALERT_TRIGGERS) : undefined;
      const forms = "`new-issue`, `regression`, `reappeared`, `{events: 100, per: 1h}`";
      if (lang === "fr") {
        const fix = close ? `vouliez-vous écrire ${code(close)} ?` : `écrivez ${forms} ou \`{users: 10, per: 1d}\``;
        return `${subject.fr} : ${shown(value, lang)} n'est pas un déclencheur ; ${fix}`;
      }
      const fix = close ? `did you mean ${code(close)}?` : `write ${forms} or \`{users: 10, per: 1d}\``;
      return `${subject.en}: ${shown(value, lang)} is not a trigger; ${fix}`;
    }),
});
