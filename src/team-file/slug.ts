// Team slugs come from file names.
import { basename, extname } from "node:path";
import { TEAM_SLUG_PATTERN } from "./schema";
import { matches } from "./rules/values";

/** A valid slug close to `text`: accents dropped, lower case, other characters as `-`. */
export function suggestSlug(text: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return /^[0-9]*$/.test(slug) ? `team-${slug}`.slice(0, 50) : slug;
}

export type FileNameProblem = { kind: "extension"; name: string; stem: string } | { kind: "slug"; stem: string };

/** The team slug a file name gives, or what is wrong with the name. */
export function teamSlugFromFile(file: string): { slug: string } | { problem: FileNameProblem } {
  const extension = extname(file);
  const stem = basename(file, extension);
  if (extension !== ".yaml") return { problem: { kind: "extension", name: basename(file), stem } };
  if (!matches(TEAM_SLUG_PATTERN, stem)) return { problem: { kind: "slug", stem } };
  return { slug: stem };
}
