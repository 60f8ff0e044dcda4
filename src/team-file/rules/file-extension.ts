import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const fileExtension = defineRule<{ name: string; stem: string }>({
  id: "file-extension",
  severity: "error",
  checks: {
    fr: "Les fichiers d'équipe finissent par `.yaml` (pas `.yml` ni `.YAML`).",
    en: "Team files end in `.yaml` (not `.yml` or `.YAML`).",
  },
  message: ({ name, stem }) =>
    localize((lang) =>
      lang === "fr"
        ? `les fichiers d'équipe finissent par .yaml : renommez ${quoted(name, lang)} en ${quoted(`${stem}.yaml`, lang)}`
        : `team files end in .yaml: rename ${quoted(name, lang)} to ${quoted(`${stem}.yaml`, lang)}`,
    ),
});
