import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { durationMinutes } from "../../stack/policy";
import { DURATION_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { flow } from "./show";
import { field, list, matches, text } from "./values";

/**
 * What Sentry compares between two rules of a project: everything but the name (getsentry/sentry
 * src/sentry/api/endpoints/project_rules.py, `find_duplicate_rule`: every key of the rule data except
 * `name` and `user_id`, plus actions and environment). Here: triggers, recipients (absent = team),
 * environment and `every` resolved with the stack's default. Order does not matter here, so two
 * rules differing only by the order of their lists are refused too.
 */
export function alertBody(alert: unknown, defaultEvery: string): string {
  const every = text(field(alert, "every"));
  const items = (value: unknown) => list(value).map(flow).sort();
  return JSON.stringify({
    when: items(field(alert, "when")),
    notify: field(alert, "notify") === undefined ? ["team"] : items(field(alert, "notify")),
    environment: text(field(alert, "environment")) ?? "",
    every: durationMinutes(matches(DURATION_PATTERN, every) ? every : defaultEvery),
  });
}

export const alertSameBody = defineFileRule<{ name: string; other: string; line: number; col: number }>({
  id: "alert-same-body",
  severity: "error",
  checks: {
    fr: "Deux règles d'un projet ne sont pas identiques au nom près (déclencheurs, destinataires, environnement, `every`) : Sentry refuserait la seconde.",
    en: "Two rules of a project are not the same but for their names (triggers, recipients, environment, `every`): Sentry would refuse the second.",
  },
  message: ({ name, other, line, col }) =>
    localize((lang) =>
      lang === "fr"
        ? `l'alerte ${quoted(name, lang)} est identique, au nom près, à ${quoted(other, lang)} (ligne ${line}, colonne ${col}) : Sentry refuse deux règles identiques ; changez un déclencheur, un destinataire, l'environnement ou \`every\`, ou gardez une seule des deux`
        : `alert rule ${quoted(name, lang)} is the same as ${quoted(other, lang)} (line ${line}, column ${col}) but for its name: Sentry refuses two identical rules; change a trigger, a recipient, the environment or \`every\`, or keep only one of them`,
    ),
  check(file) {
    list(field(file.data, "projects")).forEach((project, p) => {
      const bodies = new Map<string, number>();
      list(field(project, "alerts")).forEach((alert, a) => {
        if (!Array.isArray(field(alert, "when"))) return;
        const body = alertBody(alert, file.policy.defaults.alertEvery);
        const first = bodies.get(body);
        if (first === undefined) {
          bodies.set(body, a);
          return;
        }
        const firstPath = ["projects", p, "alerts", first];
        file.report(
          alertSameBody,
          {
            name: text(field(alert, "name")) ?? "",
            other: text(field(list(field(project, "alerts"))[first], "name")) ?? "",
            ...file.position(firstPath),
          },
          ["projects", p, "alerts", a],
        );
      });
    });
  },
});
