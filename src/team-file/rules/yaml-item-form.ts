import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export const yamlItemForm = defineRule<{ item: string; entry: string }>({
  id: "yaml-item-form",
  severity: "error",
  checks: {
    fr: "Un membre qui a d'autres clés (`teamRole`, `until`) s'écrit `- handle: prenom.nom` suivi de ses clés alignées (pas `- prenom.nom` puis `teamRole:`).",
    en: "A member with other keys (`teamRole`, `until`) is written `- handle: first.last` followed by its aligned keys (not `- first.last` then `teamRole:`).",
  },
  message: ({ item, entry }) =>
    localize((lang) =>
      lang === "fr"
        ? `${code(entry)} ne peut pas suivre un membre écrit seul (${code(`- ${item}`)}) : écrivez ${code(`- handle: ${item}`)} puis, à la ligne suivante, ${code(entry)} aligné sous \`handle\``
        : `${code(entry)} cannot follow a member written alone (${code(`- ${item}`)}): write ${code(`- handle: ${item}`)}, then on the next line ${code(entry)} aligned under \`handle\``,
    ),
});
