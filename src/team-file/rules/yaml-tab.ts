import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlTab = defineRule<{ otherLines: number }>({
  id: "yaml-tab",
  severity: "error",
  checks: {
    fr: "L'indentation n'utilise que des espaces, jamais de tabulation (même après des espaces ou avant `-`).",
    en: "Indentation uses spaces only, never a tab (even after spaces or before `-`).",
  },
  message: ({ otherLines }) =>
    localize((lang) => {
      const others =
        otherLines === 0
          ? ""
          : lang === "fr"
            ? ` (et ${otherLines} autre${otherLines > 1 ? "s" : ""} ligne${otherLines > 1 ? "s" : ""})`
            : ` (and ${otherLines} other line${otherLines > 1 ? "s" : ""})`;
      return lang === "fr"
        ? `tabulation dans l'indentation${others} : indentez uniquement avec des espaces (réglez votre éditeur pour insérer des espaces)`
        : `tab in the indentation${others}: indent with spaces only (set your editor to insert spaces)`;
    }),
});
