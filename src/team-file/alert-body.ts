// The body of an alert rule: everything Sentry compares when it refuses "an exact duplicate" of another
// rule of the project, that is everything but the name (getsentry/sentry
// src/sentry/api/endpoints/project_rules.py@024b89eb:57-93, `DuplicateRuleEvaluator`: every key of the
// rule's data except `name`, plus `actions` and `environment`: action_match, filter_match, conditions
// and filters, actions, frequency, environment). One key per body, computed from the team file's
// form: the program names each rule's resource by it (a rename is then an update in place, and a
// change of body a new rule that Sentry does not take for a duplicate of the old one), and the
// validator refuses two rules of one project with the same key.
import { createHash } from "node:crypto";
import { durationMinutes } from "../stack/policy";
import type { TeamFileAlert } from "./schema";

/** JSON with object keys sorted, so that `{per, events}` and `{events, per}` are one value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** Notify targets as Sentry receives them: the team by default, each target once (order kept). */
export function notifyTargets(alert: Pick<TeamFileAlert, "notify">): NonNullable<TeamFileAlert["notify"]> {
  const seen = new Set<string>();
  return (alert.notify ?? ["team"]).filter((target) => {
    const key = canonical(target);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * A short, stable key of the rule's body (12 hex digits of a SHA-256). `defaultEvery` is the stack's
 * `every` for rules that do not say. Conditions and actions keep their order: Sentry compares lists.
 */
export function alertBodyKey(alert: Omit<TeamFileAlert, "name">, defaultEvery: string): string {
  const body = {
    when: alert.when,
    notify: notifyTargets(alert),
    environment: alert.environment ?? "",
    frequency: durationMinutes(alert.every ?? defaultEvery),
  };
  return createHash("sha256").update(canonical(body)).digest("hex").slice(0, 12);
}
