import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { PRIVACY_SWITCHES } from "../schema";
import { defineFileRule } from "./rule";
import { field, list } from "./values";

export const privacySwitchRefused = defineFileRule<{ name: string }>({
  id: "privacy-switch-refused",
  severity: "error",
  checks: {
    fr: "Le masquage côté serveur (`dataScrubber`, `dataScrubberDefaults`, `scrubIPAddresses`) ne peut pas être désactivé quand la stack l'interdit (prod).",
    en: "Server-side scrubbing (`dataScrubber`, `dataScrubberDefaults`, `scrubIPAddresses`) cannot be turned off when the stack forbids it (prod).",
  },
  message: ({ name }) =>
    localize((lang) =>
      lang === "fr"
        ? `${code(`${name}: false`)} est refusé sur cette instance : le masquage côté serveur garde les données personnelles hors de Sentry (règle de la communauté : n'envoyez jamais de données personnelles). Retirez la clé ; pour laisser passer un champ précis, listez-le sous \`safeFields\``
        : `${code(`${name}: false`)} is refused on this instance: server-side scrubbing keeps personal data out of Sentry (the community's rule: never send personal data). Remove the key; to let one field through, list it under \`safeFields\``,
    ),
  check(file) {
    if (file.policy.privacy.teamsMayDisable) return;
    list(field(file.data, "projects")).forEach((project, p) => {
      for (const name of PRIVACY_SWITCHES) {
        if (field(field(project, "privacy"), name) === false) {
          file.report(privacySwitchRefused, { name }, ["projects", p, "privacy"], name);
        }
      }
    });
  },
});
