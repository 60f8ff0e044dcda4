import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { isCalendarDate, UNTIL_PATTERN } from "../expiry";
import { defineFileRule } from "./rule";
import { shown, type ValueParams } from "./show";
import { field, list, matches, text } from "./values";

/** The `YYYY-MM-DD` date someone most likely meant: `30/06/2025`, `30-06-2025` or `2025-6-3`. */
function isoDate(value: unknown): string | undefined {
  const written = typeof value === "string" ? value.trim() : "";
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(written);
  const yearFirst = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(written);
  const parts = dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : yearFirst?.slice(1, 4);
  if (parts === undefined) return undefined;
  const [year, month, day] = parts;
  const date = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isCalendarDate(date) && date !== value ? date : undefined;
}

// A value rule (the schema's pattern) that also checks, on the file, that the date exists.
export const memberUntil = defineFileRule<ValueParams>({
  id: "member-until",
  severity: "error",
  checks: {
    fr: "`until` (fin de l'accès d'un membre) est une date réelle écrite AAAA-MM-JJ, comme `2025-06-30`.",
    en: "`until` (the end of a member's access) is a real date written YYYY-MM-DD, like `2025-06-30`.",
  },
  message: ({ subject, value }) =>
    localize((lang) => {
      const meant = isoDate(value);
      const unreal = typeof value === "string" && matches(UNTIL_PATTERN, value) && !isCalendarDate(value);
      if (lang === "fr") {
        if (unreal)
          return `${subject.fr} : ${shown(value, lang)} n'existe pas dans le calendrier ; écrivez une date réelle`;
        return `${subject.fr} : ${shown(value, lang)} n'est pas une date AAAA-MM-JJ ; écrivez ${meant ? code(meant) : "la date de fin comme `2025-06-30`"}`;
      }
      if (unreal) return `${subject.en}: ${shown(value, lang)} is not a day of the calendar; write a real date`;
      return `${subject.en}: ${shown(value, lang)} is not a YYYY-MM-DD date; write ${meant ? code(meant) : "the end date like `2025-06-30`"}`;
    }),
  check(file) {
    list(field(file.data, "members")).forEach((member, i) => {
      const until = text(field(member, "until"));
      if (matches(UNTIL_PATTERN, until) && !isCalendarDate(until)) {
        const path = ["members", i, "until"];
        file.report(memberUntil, { subject: file.where(path), value: until }, path);
      }
    });
  },
});
