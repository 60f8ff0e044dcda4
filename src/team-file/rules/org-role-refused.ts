import { code } from "../../i18n/format";
import { localize } from "../../i18n/language";
import type { PathSegment } from "../path";
import { defineFileRule } from "./rule";
import { isRecord } from "./values";

/** Keys that would ask for an organization role, wherever they appear. */
export const ORG_ROLE_KEYS: ReadonlySet<string> = new Set(["role", "orgRole", "org_role", "orgrole"]);

function findOrgRoleKeys(value: unknown, path: PathSegment[], found: { path: PathSegment[]; key: string }[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => findOrgRoleKeys(item, [...path, i], found));
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (ORG_ROLE_KEYS.has(key)) found.push({ path, key });
      findOrgRoleKeys(child, [...path, key], found);
    }
  }
}

export const orgRoleRefused = defineFileRule<{ key: string }>({
  id: "org-role-refused",
  severity: "error",
  checks: {
    fr: "Un fichier d'équipe ne donne jamais de rôle d'organisation (`role`, `orgRole` refusés partout) : tout le monde est membre simple.",
    en: "A team file never grants organization roles (`role`, `orgRole` refused anywhere): everyone is a plain member.",
  },
  message: ({ key }) =>
    localize((lang) =>
      lang === "fr"
        ? `${code(key)} est refusé : un fichier d'équipe ne donne jamais de rôle d'organisation (tout le monde y est membre simple). Pour les droits d'administration de l'équipe, écrivez \`teamRole: admin\` sur le membre ; pour un rôle d'organisation, demandez aux ops`
        : `${code(key)} is refused: a team file never grants organization roles (everyone is a plain member there). For admin rights on the team, write \`teamRole: admin\` on the member; for an organization role, ask ops`,
    ),
  check(file) {
    const found: { path: PathSegment[]; key: string }[] = [];
    findOrgRoleKeys(file.data, [], found);
    for (const { path, key } of found) file.report(orgRoleRefused, { key }, path, key);
  },
});
