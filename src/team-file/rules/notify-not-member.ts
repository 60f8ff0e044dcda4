import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { HANDLE_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { eachAlert, eachPerformanceAlert, field, list, matches, text } from "./values";

export const notifyNotMember = defineFileRule<{ handle: string }>({
  id: "notify-not-member",
  severity: "error",
  checks: {
    fr: "`{member: prenom.nom}` nomme un membre de l'équipe (sous `members:`).",
    en: "`{member: first.last}` names a member of the team (under `members:`).",
  },
  message: ({ handle }) =>
    localize((lang) =>
      lang === "fr"
        ? `${quoted(handle, lang)} n'est pas membre de cette équipe : ajoutez-le sous \`members:\`, ou prévenez \`team\``
        : `${quoted(handle, lang)} is not a member of this team: add them under \`members:\`, or notify \`team\``,
    ),
  check(file) {
    // With `members` misspelt, every {member: ...} would look unknown: the misspelling is the one error.
    if (file.misspelt.has("members")) return;
    const handles = new Set(
      list(field(file.data, "members"))
        .map((member) => text(member) ?? text(field(member, "handle")))
        .filter((handle) => handle !== undefined),
    );
    const checkTargets = (alert: unknown, path: (string | number)[]) =>
      list(field(alert, "notify")).forEach((target, n) => {
        const member = text(field(target, "member"));
        if (matches(HANDLE_PATTERN, member) && !handles.has(member)) {
          file.report(notifyNotMember, { handle: member }, [...path, "notify", n, "member"]);
        }
      });
    eachAlert(file.data, checkTargets);
    eachPerformanceAlert(file.data, checkTargets);
  },
});
