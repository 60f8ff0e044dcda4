import { localize } from "../../i18n/language";
import { MAX_MEMBERS_PER_FILE } from "../schema";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const tooManyMembers = defineRule<ValueParams>({
  id: "too-many-members",
  severity: "error",
  checks: {
    fr: `Au plus ${MAX_MEMBERS_PER_FILE} membres par fichier.`,
    en: `At most ${MAX_MEMBERS_PER_FILE} members per file.`,
  },
  message: ({ value }) =>
    localize((lang) => {
      const count = Array.isArray(value) ? value.length : 0;
      return lang === "fr"
        ? `${count} membres dans un fichier, plus que la limite de ${MAX_MEMBERS_PER_FILE} : gardez les personnes qui travaillent sur la startup, ou demandez aux ops`
        : `${count} members in one file, over the limit of ${MAX_MEMBERS_PER_FILE}: keep the people who work on the startup, or ask ops`;
    }),
});
