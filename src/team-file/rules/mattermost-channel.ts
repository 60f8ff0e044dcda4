import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";

export const mattermostChannel = defineRule<ValueParams>({
  id: "mattermost-channel",
  severity: "error",
  checks: {
    fr: "Un canal Mattermost finit par `-sentry` (convention du pont sentry-mattermost).",
    en: "A Mattermost channel ends in `-sentry` (convention of the sentry-mattermost bridge).",
  },
  message: ({ subject, value }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} : ${shown(value, lang)} n'est pas un canal du pont sentry-mattermost ; son nom est en minuscules et finit par \`-sentry\`, comme \`aides-jeunes-sentry\``
        : `${subject.en}: ${shown(value, lang)} is not a channel of the sentry-mattermost bridge; its name is lower case and ends in \`-sentry\`, like \`aides-jeunes-sentry\``,
    ),
});
