import { hasInvisible } from "../../i18n/escape";
import { quoted } from "../../i18n/format";
import { localize, type Localized } from "../../i18n/language";
import type { PathSegment } from "../path";
import { of } from "../where";
import { defineFileRule } from "./rule";
import { isRecord } from "./values";

export const controlCharacters = defineFileRule<{ subject: Localized; inKey: boolean; text: string }>({
  id: "control-characters",
  severity: "error",
  checks: {
    fr: "Aucun texte (noms, environnements, `startup`, clés...) ne contient de caractère de contrôle ou invisible (retour à la ligne, tabulation, échappement de terminal, inversion du sens du texte).",
    en: "No text (names, environments, `startup`, keys...) holds a control or invisible character (line break, tab, terminal escape, text direction override).",
  },
  message: ({ subject, inKey, text }) =>
    localize((lang) =>
      lang === "fr"
        ? `${inKey ? `une clé ${of(subject.fr, lang)}` : subject.fr} contient un caractère de contrôle ou invisible (${quoted(text, lang)}) : réécrivez ce texte sur une seule ligne, sans copier-coller de caractère spécial`
        : `${inKey ? `a key ${of(subject.en, lang)}` : subject.en} holds a control or invisible character (${quoted(text, lang)}): write this text again on one line, without pasting special characters`,
    ),
  check(file) {
    const visit = (value: unknown, path: PathSegment[]) => {
      if (typeof value === "string") {
        if (hasInvisible(value))
          file.report(controlCharacters, { subject: file.where(path), inKey: false, text: value }, path);
      } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
      else if (isRecord(value)) {
        for (const [key, child] of Object.entries(value)) {
          if (hasInvisible(key)) {
            file.report(controlCharacters, { subject: file.where(path), inKey: true, text: key }, path, key);
          }
          visit(child, [...path, key]);
        }
      }
    };
    visit(file.data, []);
  },
});
