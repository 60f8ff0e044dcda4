import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlIndentation = defineRule<{ key: string; sibling: string; by: number; column: number }>({
  id: "yaml-indentation",
  severity: "error",
  checks: {
    fr: "Les clés d'un même bloc sont alignées sur la même colonne.",
    en: "The keys of one block are aligned on the same column.",
  },
  message: ({ key, sibling, by, column }) =>
    localize((lang) => {
      const spaces = Math.abs(by);
      if (lang === "fr") {
        const amount = `${spaces > 1 ? `de ${spaces} espaces` : "d'une espace"} de ${by > 0 ? "trop" : "moins"}`;
        return `${code(key)} est indenté ${amount} : alignez-le sur ${code(sibling)} de la ligne précédente (colonne ${column})`;
      }
      const amount = `${spaces > 1 ? `${spaces} spaces` : "one space"} too ${by > 0 ? "far" : "little"}`;
      return `${code(key)} is indented ${amount}: align it with ${code(sibling)} on the line above (column ${column})`;
    }),
});
