// The checks of the adoption file, as rules of the validator's kind: a stable id, a severity, messages
// in every language (French first). Ops read them; a pull request touching the file sees them too.
import { quoted } from "../i18n/format";
import { localize, type Language } from "../i18n/language";
import { defineRule } from "../team-file/rules/rule";

const q = quoted;
const importAgain = (lang: Language) =>
  lang === "fr"
    ? "ce fichier est écrit par `npm run import` : importez de nouveau plutôt que de le modifier"
    : "this file is written by `npm run import`: import again rather than editing it";

export const adoptionFile = defineRule<{ problem: "not-regular" | "too-large"; bytes?: number; limit?: number }>({
  id: "adoption-file",
  severity: "error",
  checks: {
    fr: "`adoption.json` est un fichier ordinaire (pas un lien) de taille raisonnable.",
    en: "`adoption.json` is a regular file (not a link) of a reasonable size.",
  },
  message: ({ problem, bytes, limit }) =>
    localize((lang) =>
      problem === "not-regular"
        ? lang === "fr"
          ? "`adoption.json` doit être un fichier ordinaire écrit par `npm run import`, pas un lien ni un dossier"
          : "`adoption.json` must be a regular file written by `npm run import`, not a link or a folder"
        : lang === "fr"
          ? `\`adoption.json\` fait ${bytes} octets, au-delà de la limite de ${limit} Mio : ce n'est pas la sortie de l'import`
          : `\`adoption.json\` is ${bytes} bytes, over the ${limit} MiB limit: it is not an importer's output`,
    ),
});

export const adoptionSyntax = defineRule<{ detail: string }>({
  id: "adoption-syntax",
  severity: "error",
  checks: {
    fr: "`adoption.json` est du JSON strict, sans clé répétée, de la forme qu'écrit l'import.",
    en: "`adoption.json` is strict JSON, without a repeated key, in the shape the importer writes.",
  },
  message: ({ detail }) => localize((lang) => `${detail}; ${importAgain(lang)}`),
});

export const adoptionOrganization = defineRule<{ found: string; expected: string }>({
  id: "adoption-organization",
  severity: "error",
  checks: {
    fr: "`adoption.json` vient de l'organisation de la stack.",
    en: "`adoption.json` comes from the stack's organization.",
  },
  message: ({ found, expected }) =>
    localize((lang) =>
      lang === "fr"
        ? `l'organisation ${q(found, lang)} n'est pas celle de la stack (${q(expected, lang)}) : importez depuis la bonne organisation`
        : `organization ${q(found, lang)} is not this stack's organization ${q(expected, lang)}: import from the right organization`,
    ),
});

type Kind = "team" | "project" | "rule" | "performance" | "member" | "repository";
const KIND_WORDS: Record<Language, Record<Kind, string>> = {
  fr: {
    team: "l'équipe",
    project: "le projet",
    rule: "la règle d'alerte",
    performance: "l'alerte de performance",
    member: "le membre",
    repository: "le dépôt",
  },
  en: {
    team: "team",
    project: "project",
    rule: "alert rule",
    performance: "performance alert",
    member: "member",
    repository: "repository",
  },
};

export const adoptionNotDeclared = defineRule<{ kind: Kind; name: string; team: string; project?: string }>({
  id: "adoption-not-declared",
  severity: "error",
  checks: {
    fr: "Chaque entrée d'`adoption.json` est déclarée par le fichier de l'équipe sous laquelle elle est rangée.",
    en: "Each entry of `adoption.json` is declared by the file of the team it is filed under.",
  },
  message: ({ kind, name, team, project }) =>
    localize((lang) => {
      const what = `${KIND_WORDS[lang][kind]} ${q(name, lang)}`;
      if (kind === "team")
        return lang === "fr"
          ? `${what} n'a pas de fichier dans ce dossier : une entrée d'adoption appartient à l'équipe qui la déclare`
          : `${what} has no file in this folder: an adoption entry belongs to the team that declares it`;
      const where =
        kind === "rule" || kind === "performance"
          ? lang === "fr"
            ? `par le projet ${q(project!, lang)}`
            : `by project ${q(project!, lang)}`
          : lang === "fr"
            ? `dans le fichier de l'équipe ${q(team, lang)}`
            : `in the file of team ${q(team, lang)}`;
      return lang === "fr"
        ? `${what} n'est pas déclaré ${where} : une entrée d'adoption appartient à l'équipe qui déclare la ressource ; ${importAgain(lang)}`
        : `${what} is not declared ${where}: an adoption entry belongs to the team that declares the resource; ${importAgain(lang)}`;
    }),
});

export const adoptionForeignId = defineRule<{ kind: Kind; name: string; found: string; expected: string }>({
  id: "adoption-foreign-id",
  severity: "error",
  checks: {
    fr: "Chaque identifiant d'import désigne la ressource même que déclare l'équipe, jamais celle d'une autre.",
    en: "Each import ID names the very resource the team declares, never another one.",
  },
  message: ({ kind, name, found, expected }) =>
    localize((lang) =>
      lang === "fr"
        ? `${KIND_WORDS[lang][kind]} ${q(name, lang)} ne peut adopter que ${q(expected, lang)}, pas ${q(found, lang)}`
        : `${KIND_WORDS[lang][kind]} ${q(name, lang)} can only adopt ${q(expected, lang)}, not ${q(found, lang)}`,
    ),
});

export const adoptionConflict = defineRule<{ kind: "member" | "repository"; name: string; team: string }>({
  id: "adoption-conflict",
  severity: "error",
  checks: {
    fr: "Une personne ou un dépôt listé par plusieurs équipes a les mêmes identifiants sous chacune.",
    en: "A person or a repository listed by several teams has the same IDs under each of them.",
  },
  message: ({ kind, name, team }) =>
    localize((lang) =>
      lang === "fr"
        ? `${KIND_WORDS[lang][kind]} ${q(name, lang)} est adopté avec d'autres identifiants sous l'équipe ${q(team, lang)} : une même ressource Sentry, les mêmes identifiants`
        : `${KIND_WORDS[lang][kind]} ${q(name, lang)} is adopted with other IDs under team ${q(team, lang)}: one Sentry resource, the same IDs`,
    ),
});
