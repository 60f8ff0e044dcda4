import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { field, list, text } from "./values";

export const alertNameDuplicate = defineFileRule<{ name: string }>({
  id: "alert-name-duplicate",
  severity: "error",
  checks: {
    fr: "Deux règles d'alerte d'un même projet ont des noms différents (de même deux alertes de performance).",
    en: "Two alert rules of one project have different names (so do two performance alerts).",
  },
  message: ({ name }) =>
    localize((lang) =>
      lang === "fr"
        ? `le nom d'alerte ${quoted(name, lang)} est déjà pris dans ce projet : donnez à chaque règle son propre nom`
        : `the alert name ${quoted(name, lang)} is already used in this project: give each rule its own name`,
    ),
  check(file) {
    list(field(file.data, "projects")).forEach((project, p) => {
      for (const kind of ["alerts", "performance"]) {
        const names = new Set<string>();
        list(field(project, kind)).forEach((alert, a) => {
          const name = text(field(alert, "name"));
          if (name === undefined) return;
          if (names.has(name)) file.report(alertNameDuplicate, { name }, ["projects", p, kind, a, "name"]);
          names.add(name);
        });
      }
    });
  },
});
