import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlComplexKey = defineRule({
  id: "yaml-complex-key",
  severity: "error",
  checks: {
    fr: "Une clé est un simple mot (`name`, `members`...), jamais une liste ni un bloc.",
    en: "A key is a plain word (`name`, `members`...), never a list or a block.",
  },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "cette clé est une liste ou un bloc : une clé est un simple mot suivi de `:` (`name:`, `members:`...)"
        : "this key is a list or a block: a key is a plain word followed by `:` (`name:`, `members:`...)",
    ),
});
