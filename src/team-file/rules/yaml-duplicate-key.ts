import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlDuplicateKey = defineRule<{ key: string }>({
  id: "yaml-duplicate-key",
  severity: "error",
  checks: {
    fr: "Une clé n'apparaît qu'une fois au même endroit.",
    en: "A key appears only once in the same place.",
  },
  message: ({ key }) =>
    localize((lang) =>
      lang === "fr"
        ? `la clé ${quoted(key, lang)} apparaît deux fois au même endroit : gardez-en une seule et réunissez leurs valeurs`
        : `the key ${quoted(key, lang)} appears twice in the same place: keep one and merge their values`,
    ),
});
