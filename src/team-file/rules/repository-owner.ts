import { joinWords, quoted } from "../../i18n/format";
import { localize } from "../../i18n/language";
import { integrationForOwner } from "../../stack/policy";
import type { PathSegment } from "../path";
import { REPOSITORY_PATTERN } from "../schema";
import { defineFileRule } from "./rule";
import { field, list, matches, text } from "./values";

export const repositoryOwner = defineFileRule<{ owner: string; configured: string[] }>({
  id: "repository-owner",
  severity: "error",
  checks: {
    fr: "Le propriétaire (OWNER) d'un dépôt a une intégration GitHub configurée sur l'instance (prod : betagouv).",
    en: "A repository's OWNER has a GitHub integration configured on the instance (prod: betagouv).",
  },
  message: ({ owner, configured }) =>
    localize((lang) => {
      const owners = configured.length > 0 ? joinWords(configured, lang) : lang === "fr" ? "aucun" : "none";
      return lang === "fr"
        ? `le propriétaire GitHub ${quoted(owner, lang)} n'a pas d'intégration Sentry sur cette instance (configurés : ${owners}) ; déplacez le dépôt chez l'un d'eux, ou demandez aux ops d'installer l'application GitHub de Sentry sur ${quoted(owner, lang)}`
        : `the GitHub owner ${quoted(owner, lang)} has no Sentry integration on this instance (configured: ${owners}); move the repository to one of them, or ask ops to install Sentry's GitHub App on ${quoted(owner, lang)}`;
    }),
  check(file) {
    const configured = file.policy.github.integrations.map((i) => i.owner);
    const checkOne = (path: PathSegment[], value: unknown) => {
      const name = text(value);
      if (!matches(REPOSITORY_PATTERN, name)) return;
      const owner = name.split("/")[0];
      if (!integrationForOwner(file.policy, owner)) file.report(repositoryOwner, { owner, configured }, path);
    };
    list(field(file.data, "projects")).forEach((project, p) =>
      checkOne(["projects", p, "repository"], field(project, "repository")),
    );
    list(field(file.data, "repositories")).forEach((repository, r) => checkOne(["repositories", r], repository));
  },
});
