import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { eachAlert, field, list } from "./values";

export const mattermostNotConfigured = defineFileRule({
  id: "mattermost-not-configured",
  severity: "error",
  checks: {
    fr: "`{mattermost: ...}` n'est accepté qu'une fois le pont sentry-mattermost configuré par les ops sur la stack.",
    en: "`{mattermost: ...}` is accepted only once ops configure the sentry-mattermost bridge on the stack.",
  },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "les notifications Mattermost ne sont pas encore configurées sur cette instance : prévenez `team` pour l'instant, ou demandez aux ops de configurer le pont"
        : "Mattermost notifications are not configured on this instance yet: notify `team` for now, or ask ops to configure the bridge",
    ),
  check(file) {
    if (file.policy.notifications?.mattermostWebhookUrl) return;
    eachAlert(file.data, (alert, path) =>
      list(field(alert, "notify")).forEach((target, n) => {
        if (field(target, "mattermost") !== undefined)
          file.report(mattermostNotConfigured, undefined, [...path, "notify", n]);
      }),
    );
  },
});
