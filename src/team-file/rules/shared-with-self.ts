import { quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { field, list, text } from "./values";

export const sharedWithSelf = defineFileRule<{ slug: string }>({
  id: "shared-with-self",
  severity: "error",
  checks: {
    fr: "`sharedWith` ne nomme pas l'équipe du fichier elle-même (elle a déjà le projet).",
    en: "`sharedWith` does not name the file's own team (it already has the project).",
  },
  message: ({ slug }) =>
    localize((lang) =>
      lang === "fr"
        ? `${quoted(slug, lang)} est l'équipe de ce fichier, qui a déjà le projet : ne listez sous \`sharedWith\` que les autres équipes`
        : `${quoted(slug, lang)} is this file's own team, which already has the project: list only other teams under \`sharedWith\``,
    ),
  check(file) {
    if (file.slug === undefined) return;
    list(field(file.data, "projects")).forEach((project, p) =>
      list(field(project, "sharedWith")).forEach((team, t) => {
        if (text(team) === file.slug)
          file.report(sharedWithSelf, { slug: file.slug! }, ["projects", p, "sharedWith", t]);
      }),
    );
  },
});
