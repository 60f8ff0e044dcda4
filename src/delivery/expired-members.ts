// The pull request body of the scheduled workflow that removes, team by team, the members whose access
// has ended (`until:`), in French then English. Its owners review and merge it; the access itself was
// already removed by the deploy that followed the date (the program no longer declares it).
import { calendarDay } from "../i18n/format";
import type { Language } from "../i18n/language";
import { markdownBlock, markdownCode, markdownText } from "../i18n/escape";
import type { EndedMember } from "../team-file/expired-members";

export interface ExpiredMembersChange {
  file: string;
  removed: readonly EndedMember[];
  /** Alert recipients of these people removed, or replaced by `team`. */
  recipients: number;
  /** What the validator still finds in the rewritten file (text lines), for the owners to fix. */
  errors: readonly string[];
}

const WORDS: Record<Language, (change: ExpiredMembersChange) => string[]> = {
  fr: ({ file, removed, recipients, errors }) => [
    `### Fin d'accès : membres à retirer de ${markdownCode(file)}`,
    "",
    "L'accès de ces personnes a pris fin (`until`, heure de Paris) : le déploiement qui a suivi cette date les a déjà retirées de l'équipe Sentry. Cette pull request les retire aussi du fichier.",
    "",
    "| Membre | Fin de l'accès |",
    "| --- | --- |",
    ...removed.map((m) => `| ${markdownText(m.who)} | ${calendarDay(m.until, "fr")} |`),
    "",
    ...(recipients > 0
      ? [
          `${recipients} destinataire(s) d'alerte \`{member: ...}\` de ces personnes sont retirés, ou remplacés par \`team\` quand ils étaient les seuls de leur règle.`,
          "",
        ]
      : []),
    ...(errors.length > 0
      ? [
          "**À corriger avant la fusion** : le fichier modifié ne passe pas la vérification.",
          "",
          markdownBlock(errors.join("\n")),
          "",
        ]
      : []),
    "**Propriétaires de l'équipe : relisez et fusionnez.** GitHub ne lance pas les vérifications d'une pull request ouverte par un workflow : fermez-la puis rouvrez-la pour les lancer. Pour garder quelqu'un, fermez cette pull request et repoussez sa date `until` dans une autre.",
  ],
  en: ({ file, removed, recipients, errors }) => [
    `### Access ended: members to remove from ${markdownCode(file)}`,
    "",
    "The access of these people has ended (`until`, Paris time): the deployment that followed the date already removed them from the Sentry team. This pull request removes them from the file too.",
    "",
    "| Member | Access ended |",
    "| --- | --- |",
    ...removed.map((m) => `| ${markdownText(m.who)} | ${calendarDay(m.until, "en")} |`),
    "",
    ...(recipients > 0
      ? [
          `${recipients} alert recipient(s) \`{member: ...}\` of these people are removed, or replaced by \`team\` where they were their rule's only one.`,
          "",
        ]
      : []),
    ...(errors.length > 0
      ? [
          "**To fix before merging**: the changed file does not pass validation.",
          "",
          markdownBlock(errors.join("\n")),
          "",
        ]
      : []),
    "**Team owners: review and merge.** GitHub does not run the checks of a pull request a workflow opened: close and reopen it to run them. To keep someone, close this pull request and move their `until` date in another one.",
  ],
};

export function expiredMembersBody(change: ExpiredMembersChange): string {
  return [
    ...WORDS.fr(change),
    "",
    "<details><summary>English</summary>",
    "",
    ...WORDS.en(change),
    "",
    "</details>",
    "",
  ].join("\n");
}

/** The pull request title, in French. */
export function expiredMembersTitle(slug: string): string {
  return `Fin d'accès : retirer les membres expirés de ${slug}`;
}
