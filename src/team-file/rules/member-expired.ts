import { calendarDay, quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { accessEnded, isCalendarDate } from "../expiry";
import { defineFileRule } from "./rule";
import { field, list, text } from "./values";

export const memberExpired = defineFileRule<{ who: string; until: string }>({
  id: "member-expired",
  severity: "warning",
  checks: {
    fr: "Avertissement : l'accès d'un membre a pris fin (`until` passé, heure de Paris) ; il n'est plus déclaré, retirez-le du fichier.",
    en: "Warning: a member's access has ended (`until` is past, Paris time); they are no longer declared, remove them from the file.",
  },
  message: ({ who, until }) =>
    localize((lang) =>
      lang === "fr"
        ? `l'accès de ${quoted(who, lang)} a pris fin le ${calendarDay(until, lang)} (\`until\`) : le prochain déploiement le retire de l'équipe ; supprimez ce membre du fichier (une pull request automatique le propose)`
        : `the access of ${quoted(who, lang)} ended on ${calendarDay(until, lang)} (\`until\`): the next deployment removes them from the team; delete this member from the file (an automatic pull request proposes it)`,
    ),
  check(file) {
    list(field(file.data, "members")).forEach((member, i) => {
      const until = text(field(member, "until"));
      const who = text(field(member, "handle")) ?? text(field(member, "email"));
      if (until !== undefined && who !== undefined && isCalendarDate(until) && accessEnded(until, file.today)) {
        file.report(memberExpired, { who, until }, ["members", i, "until"]);
      }
    });
  },
});
