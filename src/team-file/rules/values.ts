// Reading values of unknown shape: rules run on files that may not match the schema, so they only
// look at values of the shape they expect. Keys are read as own properties only (`__proto__`,
// `constructor` are plain data).
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
export const field = (value: unknown, key: string): unknown =>
  isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
const compiled = new Map<string, RegExp>();
/** Whether `value` is a text matching the schema pattern (compiled once, with the `u` flag as Ajv does). */
export function matches(pattern: string, value: string | undefined): value is string {
  if (value === undefined) return false;
  let regex = compiled.get(pattern);
  if (!regex) compiled.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex.test(value);
}

/** Each alert rule of each project, with its path. */
export function eachAlert(data: unknown, visit: (alert: unknown, path: (string | number)[], project: unknown) => void) {
  list(field(data, "projects")).forEach((project, p) =>
    list(field(project, "alerts")).forEach((alert, a) => visit(alert, ["projects", p, "alerts", a], project)),
  );
}

/** Each performance alert of each project, with its path. */
export function eachPerformanceAlert(
  data: unknown,
  visit: (alert: unknown, path: (string | number)[], project: unknown) => void,
) {
  list(field(data, "projects")).forEach((project, p) =>
    list(field(project, "performance")).forEach((alert, a) => visit(alert, ["projects", p, "performance", a], project)),
  );
}
