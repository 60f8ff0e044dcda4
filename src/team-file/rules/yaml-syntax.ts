import { localize } from "../../i18n/language";
import { defineRule } from "./rule";

/** What the parser stumbled on, in words a person can act on. */
export type SyntaxProblem = "unclosed" | "alignment" | "key-line" | "quote" | "reserved-start" | "other";

const HINTS = {
  fr: {
    unclosed:
      "une liste ouverte par `[` ou `{` n'est pas refermée ; ajoutez le `]` ou `}` qui manque, sur la même ligne",
    alignment:
      "cette ligne n'est pas alignée avec celles du même bloc ; mettez ses clés à la même colonne que leurs voisines",
    "key-line":
      "une clé (`nom:`) doit tenir sur une ligne ; vérifiez qu'il ne manque pas un `:` et que la ligne n'est pas trop indentée",
    quote: "des guillemets ne sont pas refermés ; fermez-les, ou retirez-les",
    "reserved-start":
      "une valeur ne peut pas commencer par `@` : un compte GitHub s'écrit sans `@` (`octocat`) ; un autre texte se met entre guillemets",
    other: "vérifiez l'indentation (des espaces, alignées), le `:` après chaque clé et les guillemets",
  },
  en: {
    unclosed: "a list opened with `[` or `{` is not closed; add the missing `]` or `}`, on the same line",
    alignment:
      "this line is not aligned with the others of its block; put its keys on the same column as their neighbours",
    "key-line":
      "a key (`name:`) must fit on one line; check that no `:` is missing and that the line is not indented too far",
    quote: "quotes are not closed; close them, or remove them",
    "reserved-start":
      "a value cannot start with `@`: a GitHub account is written without `@` (`octocat`); other text goes in quotes",
    other: "check the indentation (spaces, aligned), the `:` after each key and the quotes",
  },
};

export const yamlSyntax = defineRule<{ problem: SyntaxProblem }>({
  id: "yaml-syntax",
  severity: "error",
  checks: {
    fr: "Le fichier est du YAML valide (seule la première erreur est signalée : les suivantes en découlent souvent).",
    en: "The file is valid YAML (only the first error is reported: the next ones often follow from it).",
  },
  message: ({ problem }) =>
    localize((lang) =>
      lang === "fr"
        ? `le fichier n'est pas lisible à partir d'ici : ${HINTS.fr[problem]}`
        : `the file cannot be read from here on: ${HINTS.en[problem]}`,
    ),
});
