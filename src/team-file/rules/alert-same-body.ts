import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { alertBodyKey } from "../alert-body";
import { DURATION_PATTERN, type TeamFileAlert } from "../schema";
import { defineFileRule } from "./rule";
import { field, list, matches, text } from "./values";

/**
 * The body key of an alert of any shape (the same key that names the rule's resource in the program,
 * see ../alert-body.ts), or undefined when the alert is too malformed to have one: the schema reports it.
 */
function bodyKeyOf(alert: unknown, defaultEvery: string): string | undefined {
  const when = field(alert, "when");
  const notify = field(alert, "notify");
  const every = text(field(alert, "every"));
  if (!Array.isArray(when) || (notify !== undefined && !Array.isArray(notify))) return undefined;
  const body = {
    when,
    ...(notify === undefined ? {} : { notify }),
    ...(typeof field(alert, "environment") === "string" ? { environment: field(alert, "environment") } : {}),
    ...(matches(DURATION_PATTERN, every) ? { every } : {}),
  } as Omit<TeamFileAlert, "name">;
  return alertBodyKey(body, defaultEvery);
}

export const alertSameBody = defineFileRule<{ name: string; other: string; line: number; col: number }>({
  id: "alert-same-body",
  severity: "error",
  checks: {
    fr: "Deux règles d'un projet ne sont pas identiques au nom près (déclencheurs, destinataires, environnement, `every`, avec leurs valeurs par défaut) : Sentry refuserait la seconde.",
    en: "Two rules of a project are not the same but for their names (triggers, recipients, environment, `every`, with their defaults): Sentry would refuse the second.",
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
        const body = bodyKeyOf(alert, file.policy.defaults.alertEvery);
        if (body === undefined) return;
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
