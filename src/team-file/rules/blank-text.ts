import { localize, type Localized } from "../../i18n/language";
import type { PathSegment } from "../path";
import { defineFileRule } from "./rule";
import { eachAlert, eachPerformanceAlert, field, list, text } from "./values";

export const blankText = defineFileRule<{ subject: Localized }>({
  id: "blank-text",
  severity: "error",
  checks: {
    fr: "Les noms (équipe, projets, alertes, alertes de performance), `startup` et `environment` ne sont pas faits que d'espaces.",
    en: "Names (team, projects, alert rules, performance alerts), `startup` and `environment` are not only spaces.",
  },
  message: ({ subject }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} ne contient que des espaces : écrivez un vrai texte, ou retirez la clé si elle est facultative`
        : `${subject.en} holds only spaces: write a real text, or remove the key if it is optional`,
    ),
  check(file) {
    const checkOne = (path: PathSegment[], value: unknown) => {
      const written = text(value);
      if (written !== undefined && written !== "" && written.trim() === "") {
        file.report(blankText, { subject: file.where(path) }, path);
      }
    };
    checkOne(["name"], field(file.data, "name"));
    checkOne(["startup"], field(file.data, "startup"));
    list(field(file.data, "projects")).forEach((project, p) =>
      checkOne(["projects", p, "name"], field(project, "name")),
    );
    const alertTexts = (alert: unknown, path: PathSegment[]) => {
      checkOne([...path, "name"], field(alert, "name"));
      checkOne([...path, "environment"], field(alert, "environment"));
    };
    eachAlert(file.data, alertTexts);
    eachPerformanceAlert(file.data, alertTexts);
  },
});
