import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { eachAlert, field, text } from "./values";

/**
 * terraform-provider-sentry v0.11.2 validates `name` with `validation.StringLenBetween(1, 64)`
 * (resource_sentry_issue_alert.go:61), which counts with Go's `len`: bytes of UTF-8, so an accented
 * letter counts twice.
 */
export const ALERT_NAME_MAX_BYTES = 64;

export const alertNameBytes = defineFileRule<{ name: string; bytes: number }>({
  id: "alert-name-bytes",
  severity: "error",
  checks: {
    fr: "Un nom d'alerte fait au plus 64 octets, la limite du provider : une lettre accentuée compte pour deux.",
    en: "An alert name is at most 64 bytes, the provider's limit: an accented letter counts as two.",
  },
  message: ({ name, bytes }) =>
    localize((lang) =>
      lang === "fr"
        ? `le nom d'alerte ${quoted(name, lang)} fait ${bytes} octets : le provider en accepte ${ALERT_NAME_MAX_BYTES} au plus, et chaque lettre accentuée compte pour deux ; raccourcissez-le`
        : `the alert name ${quoted(name, lang)} is ${bytes} bytes: the provider accepts at most ${ALERT_NAME_MAX_BYTES}, and each accented letter counts as two; shorten it`,
    ),
  check(file) {
    eachAlert(file.data, (alert, path) => {
      const name = text(field(alert, "name"));
      const bytes = name === undefined ? 0 : Buffer.byteLength(name, "utf8");
      if (name !== undefined && bytes > ALERT_NAME_MAX_BYTES) {
        file.report(alertNameBytes, { name, bytes }, [...path, "name"]);
      }
    });
  },
});
