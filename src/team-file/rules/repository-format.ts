import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { REPOSITORY_PATTERN } from "../schema";
import { defineRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { matches } from "./values";

/** `betagouv/x` out of a URL or a name ending in `.git`, when that gives a valid name. */
function fixedRepository(value: string): string | undefined {
  const fixed = value
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?github\.com\//i, "")
    .replace(/^git@github\.com:/i, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "");
  return fixed !== value && matches(REPOSITORY_PATTERN, fixed) ? fixed : undefined;
}

export const repositoryFormat = defineRule<ValueParams>({
  id: "repository-format",
  severity: "error",
  checks: {
    fr: "Un dépôt s'écrit `OWNER/NAME` (pas une URL) ; NAME n'est ni `.` ni `..` et ne finit pas par `.git`.",
    en: "A repository is written `OWNER/NAME` (not a URL); NAME is neither `.` nor `..` and does not end in `.git`.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const fixed = typeof value === "string" ? fixedRepository(value) : undefined;
      if (lang === "fr") {
        const fix = fixed
          ? `écrivez ${code(fixed)}`
          : "écrivez-le OWNER/NAME, par exemple `betagouv/aides-jeunes` (pas d'URL, pas de `.git` à la fin, NAME ni `.` ni `..`)";
        return `${subject.fr} : ${shown(value, lang)} n'est pas un dépôt GitHub ; ${fix}`;
      }
      const fix = fixed
        ? `write ${code(fixed)}`
        : "write it OWNER/NAME, e.g. `betagouv/aides-jeunes` (no URL, no `.git` at the end, NAME neither `.` nor `..`)";
      return `${subject.en}: ${shown(value, lang)} is not a GitHub repository; ${fix}`;
    }),
});
