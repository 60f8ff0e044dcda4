import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

export type EntryKind = "directory" | "symlink" | "other";

const WHAT = {
  fr: { directory: "un dossier", symlink: "un lien symbolique", other: "un fichier spécial (ni fichier ni dossier)" },
  en: { directory: "a folder", symlink: "a symbolic link", other: "a special file (neither a file nor a folder)" },
};

export const fileNotRegular = defineRule<{ name: string; kind: EntryKind }>({
  id: "file-not-regular",
  severity: "error",
  checks: {
    fr: "Le dossier des équipes ne contient que des fichiers ordinaires : ni dossier nommé `x.yaml`, ni lien symbolique (les liens ne sont jamais suivis).",
    en: "The team folder holds only regular files: no folder named `x.yaml`, no symbolic link (links are never followed).",
  },
  message: ({ name, kind }) =>
    localize((lang) =>
      lang === "fr"
        ? `${quoted(name, lang)} est ${WHAT.fr[kind]} : le dossier des équipes ne contient que des fichiers ordinaires, lus sans suivre de lien ; mettez-y le fichier lui-même, ou retirez cette entrée`
        : `${quoted(name, lang)} is ${WHAT.en[kind]}: the team folder holds only regular files, read without following links; put the file itself there, or remove this entry`,
    ),
});
