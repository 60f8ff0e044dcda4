// Access that ends: a member may carry `until: YYYY-MM-DD`. From that calendar day on, in Europe/Paris
// (the network's time zone, whatever the runner's clock zone), the membership is no longer declared.
// Dates are compared as `YYYY-MM-DD` texts, which sort as the days they name.

export const EXPIRY_TIME_ZONE = "Europe/Paris";
export const UNTIL_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/** The calendar day of `now` in Europe/Paris, as `YYYY-MM-DD`. */
export function parisDate(now: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: EXPIRY_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whether `text` is `YYYY-MM-DD` naming a day of the calendar (not 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!new RegExp(UNTIL_PATTERN).test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Whether an access `until` a day has ended on `today`: it ends at the start of that day. */
export function accessEnded(until: string, today: string): boolean {
  return until <= today;
}

/** Whole days from `today` to `until` (0 on the day itself, negative once past). */
export function daysUntil(until: string, today: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
