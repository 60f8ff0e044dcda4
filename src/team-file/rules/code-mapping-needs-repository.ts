import { localize } from "../../i18n/language";
import { defineFileRule } from "./rule";
import { field, list } from "./values";

export const codeMappingNeedsRepository = defineFileRule({
  id: "code-mapping-needs-repository",
  severity: "error",
  checks: {
    fr: "`codeMapping` n'a de sens qu'avec `repository:` sur le même projet.",
    en: "`codeMapping` makes sense only with `repository:` on the same project.",
  },
  message: () =>
    localize((lang) =>
      lang === "fr"
        ? "`codeMapping` relie les erreurs au dépôt du projet, mais ce projet n'a pas de `repository:` : ajoutez le dépôt (OWNER/NAME), ou retirez `codeMapping`"
        : "`codeMapping` links errors to the project's repository, but this project has no `repository:`: add the repository (OWNER/NAME), or remove `codeMapping`",
    ),
  check(file) {
    list(field(file.data, "projects")).forEach((project, p) => {
      if (field(project, "codeMapping") !== undefined && field(project, "repository") === undefined) {
        file.report(codeMappingNeedsRepository, undefined, ["projects", p], "codeMapping");
      }
    });
  },
});
