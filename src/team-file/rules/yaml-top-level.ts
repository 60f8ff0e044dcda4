import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlTopLevel = defineRule({
  id: "yaml-top-level",
  severity: "error",
  checks: {
    fr: "Le fichier est fait de clés (`name:`, `members:`, `projects:`...), pas d'une liste ni d'une valeur seule.",
    en: "The file is made of keys (`name:`, `members:`, `projects:`...), not of a list or a single value.",
  },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "le fichier doit commencer par des clés (`name:`, `members:`, `projects:`...), pas par une liste (`- ...`) ni une valeur seule"
        : "the file must start with keys (`name:`, `members:`, `projects:`...), not with a list (`- ...`) or a single value",
    ),
});
