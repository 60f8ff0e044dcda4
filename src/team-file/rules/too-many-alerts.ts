import { localize } from "../../i18n/language";
import { MAX_ALERTS_PER_PROJECT } from "../schema";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const tooManyAlerts = defineRule<ValueParams>({
  id: "too-many-alerts",
  severity: "error",
  checks: {
    fr: `Au plus ${MAX_ALERTS_PER_PROJECT} règles d'alerte par projet.`,
    en: `At most ${MAX_ALERTS_PER_PROJECT} alert rules per project.`,
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const count = Array.isArray(value) ? value.length : 0;
      return lang === "fr"
        ? `${subject.fr} : ${count} règles d'alerte, plus que la limite de ${MAX_ALERTS_PER_PROJECT} par projet ; réunissez celles qui préviennent les mêmes personnes (une règle peut avoir plusieurs déclencheurs)`
        : `${subject.en}: ${count} alert rules, over the limit of ${MAX_ALERTS_PER_PROJECT} per project; merge those that notify the same people (a rule may have several triggers)`;
    }),
});
