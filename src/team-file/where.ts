// Places in a team file said the way a person reads the file ("le 2e membre", "the 2nd member",
// `teamRole` du 2e membre) rather than as a parser path.
import { ordinal, quoted, type Gender } from "../i18n/format";
import { localize, type Language, type Localized } from "../i18n/language";
import type { PathSegment } from "./path";
import { PROJECT_SLUG_PATTERN } from "./schema";
import { matches } from "./rules/values";

interface Noun {
  fr: string;
  gender: Gender;
  en: string;
}

/** What an item of each list is called. */
const ITEM_NOUNS: Record<string, Noun> = {
  members: { fr: "membre", gender: "m", en: "member" },
  projects: { fr: "projet", gender: "m", en: "project" },
  alerts: { fr: "alerte", gender: "f", en: "alert rule" },
  performance: { fr: "alerte de performance", gender: "f", en: "performance alert" },
  when: { fr: "déclencheur (`when`)", gender: "m", en: "trigger (`when`)" },
  notify: { fr: "destinataire (`notify`)", gender: "m", en: "recipient (`notify`)" },
  repositories: { fr: "dépôt de `repositories`", gender: "m", en: "repository of `repositories`" },
  owners: { fr: "compte de `owners`", gender: "m", en: "account of `owners`" },
  sharedWith: { fr: "équipe de `sharedWith`", gender: "f", en: "team of `sharedWith`" },
  sensitiveFields: { fr: "champ de `sensitiveFields`", gender: "m", en: "field of `sensitiveFields`" },
  safeFields: { fr: "champ de `safeFields`", gender: "m", en: "field of `safeFields`" },
};
const GENERIC_ITEM: Noun = { fr: "élément", gender: "m", en: "item" };

const own = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof segment === "number") value = Array.isArray(value) ? value[segment] : undefined;
    else value = own(value, segment);
  }
  return value;
}

/** A noun phrase with its article, e.g. "le 2e membre" / "the 2nd member". */
export function describePath(data: unknown, path: readonly PathSegment[]): Localized {
  return localize((lang) => phrase(data, path, lang));
}

function phrase(data: unknown, path: readonly PathSegment[], lang: Language): string {
  if (path.length === 0) return lang === "fr" ? "le fichier" : "the file";
  const last = path[path.length - 1];
  if (typeof last === "string") return withParent(`\`${last}\``, data, path.slice(0, -1), lang);
  const list = String(path[path.length - 2] ?? "");
  const parent = path.slice(0, -2);
  const item = valueAt(data, path);
  const slug = own(item, "slug");
  if (list === "projects" && typeof slug === "string" && matches(PROJECT_SLUG_PATTERN, slug)) {
    return lang === "fr" ? `le projet ${quoted(slug, lang)}` : `project ${quoted(slug, lang)}`;
  }
  const name = own(item, "name");
  if (list === "alerts" && typeof name === "string" && name !== "") {
    const alert = lang === "fr" ? `l'alerte ${quoted(name, lang)}` : `alert rule ${quoted(name, lang)}`;
    return withParent(alert, data, parent, lang);
  }
  if (list === "performance" && typeof name === "string" && name !== "") {
    const alert =
      lang === "fr" ? `l'alerte de performance ${quoted(name, lang)}` : `performance alert ${quoted(name, lang)}`;
    return withParent(alert, data, parent, lang);
  }
  const noun = Object.hasOwn(ITEM_NOUNS, list) ? ITEM_NOUNS[list] : GENERIC_ITEM;
  const n = last + 1;
  const described =
    lang === "fr"
      ? `${noun.gender === "f" ? "la" : "le"} ${ordinal(n, lang, noun.gender)} ${noun.fr}${noun === GENERIC_ITEM ? ` de \`${list}\`` : ""}`
      : `the ${ordinal(n, lang)} ${noun.en}${noun === GENERIC_ITEM ? ` of \`${list}\`` : ""}`;
  return withParent(described, data, parent, lang);
}

/** "X du projet « demo »" / "X of project "demo"", or X alone at the top level. */
function withParent(head: string, data: unknown, parent: readonly PathSegment[], lang: Language): string {
  if (parent.length === 0) return head;
  return `${head} ${of(phrase(data, parent, lang), lang)}`;
}

/** French "de" with its contractions (du, des, de la, de l'); English "of". */
export function of(text: string, lang: Language): string {
  if (lang === "en") return `of ${text}`;
  if (text.startsWith("le ")) return `du ${text.slice(3)}`;
  if (text.startsWith("les ")) return `des ${text.slice(4)}`;
  return `de ${text}`;
}

/** "dans le 2e membre" / "in the 2nd member"; "au premier niveau du fichier" / "at the top level". */
export function inside(data: unknown, path: readonly PathSegment[]): Localized {
  return localize((lang) =>
    path.length === 0
      ? lang === "fr"
        ? "au premier niveau du fichier"
        : "at the top level"
      : `${lang === "fr" ? "dans" : "in"} ${phrase(data, path, lang)}`,
  );
}

/** The sentence-initial form: first letter in upper case. */
export function capitalized(text: Localized): Localized {
  return localize((lang) => text[lang].charAt(0).toUpperCase() + text[lang].slice(1));
}
