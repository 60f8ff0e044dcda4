// The plan's words for a team's performance alerts and for access that ends (`until:`), in each
// language: kept apart from the rest of the summary, which calls them.
import { calendarDay } from "../i18n/format";
import type { Language } from "../i18n/language";
import { describePerformanceCondition, type DesiredPerformanceAlert } from "../model/alert-rules";
import type { DesiredOrganization, DesiredTeam } from "../model/organization";
import { daysUntil } from "../team-file/expiry";
import { markdownText } from "../i18n/escape";

/** Memberships ending within this many days are listed by the plan. */
export const EXPIRY_NOTICE_DAYS = 30;

const WORDS = {
  fr: {
    performance: "performance",
    env: "environnement",
    team: "équipe",
    ending: `Accès se terminant dans les ${EXPIRY_NOTICE_DAYS} jours`,
    ended: "Accès terminés (plus déclarés ; retirez-les du fichier)",
    colon: " :",
  },
  en: {
    performance: "performance",
    env: "env",
    team: "team",
    ending: `Access ending within ${EXPIRY_NOTICE_DAYS} days`,
    ended: "Access ended (no longer declared; remove them from the file)",
    colon: ":",
  },
} as const;

const handleOf = (model: DesiredOrganization, email: string) =>
  model.members.find((m) => m.email === email)?.handle ?? email;

/** One performance alert: « **API lente** (performance) : durée p95 > 2s sur 10 min · → équipe, lea.durand ». */
export function describePerformanceAlert(
  alert: DesiredPerformanceAlert,
  model: DesiredOrganization,
  lang: Language,
): string {
  const words = WORDS[lang];
  const targets = alert.targets.map((t) => (t.kind === "team" ? words.team : markdownText(handleOf(model, t.email))));
  const parts = [
    // Words and numbers of ours only: no text of the file.
    describePerformanceCondition(alert, lang),
    ...(alert.environment ? [`${words.env} ${markdownText(alert.environment)}`] : []),
    `→ ${targets.join(", ")}`,
  ];
  return `**${markdownText(alert.name)}** (${words.performance})${words.colon} ${parts.join(" · ")}`;
}

/** The lines about the team's access that ends soon or has ended, or none. */
export function accessLines(team: DesiredTeam, model: DesiredOrganization, lang: Language): string[] {
  const words = WORDS[lang];
  const who = (handle: string | undefined, email: string, until: string) =>
    `${markdownText(handle ?? email)} (${calendarDay(until, lang)})`;
  const ending = model.members.flatMap((member) =>
    member.teams
      .filter((t) => t.teamSlug === team.slug && t.until !== undefined)
      .filter((t) => daysUntil(t.until!, model.today) <= EXPIRY_NOTICE_DAYS)
      .map((t) => ({ label: who(member.handle, member.email, t.until!), until: t.until! })),
  );
  const ended = model.endedMemberships
    .filter((m) => m.teamSlug === team.slug)
    .map((m) => ({ label: who(m.handle, m.email, m.until), until: m.until }));
  const line = (title: string, list: { label: string; until: string }[]) =>
    list.length === 0
      ? []
      : [
          "",
          `${title}${words.colon} ${list
            .sort((a, b) => a.until.localeCompare(b.until))
            .map((e) => e.label)
            .join(", ")}`,
        ];
  return [...line(words.ending, ending), ...line(words.ended, ended)];
}
