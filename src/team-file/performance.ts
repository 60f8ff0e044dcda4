// Performance alerts (`performance:` under a project) in the team file's words: each metric, its unit,
// the side its threshold is crossed from, the data it reads and the time windows Sentry allows for that
// data. Their Sentry form (aggregate, dataset, threshold type) is the model's alert vocabulary.
import platformFeatures from "../../data/sentry-platform-features.json";

export const DURATION_METRICS = ["p50", "p95", "p99"] as const;
export const PERCENTAGE_METRICS = ["failureRate", "crashFreeSessions"] as const;
export const PERFORMANCE_METRICS = [...DURATION_METRICS, ...PERCENTAGE_METRICS] as const;
export type PerformanceMetric = (typeof PERFORMANCE_METRICS)[number];

// Transactions: Sentry's API takes any whole number of minutes from 1 to 1440 (getsentry/sentry
// src/sentry/incidents/serializers/alert_rule.py@5841509b, AlertRuleSerializer.time_window); team files
// take the windows Sentry's alert form offers (static/app/views/alerts/rules/metric/constants.tsx@05a0e9e6,
// TIME_WINDOW_MAP and getTimeWindowOptions), so that a rule shows in Sentry as it was written.
export const TRANSACTION_WINDOWS = ["1m", "5m", "10m", "15m", "30m", "1h", "2h", "4h", "1d"] as const;
// Sessions (crash rates): only these, or Sentry refuses the rule ("Invalid Time Window"):
// src/sentry/incidents/serializers/__init__.py@0b13d071, CRASH_RATE_ALERTS_ALLOWED_TIME_WINDOWS, checked
// by AlertRuleSerializer._validate_time_window (alert_rule.py@5841509b).
export const SESSION_WINDOWS = ["30m", "1h", "2h", "4h", "12h", "1d"] as const;
/** Every window some metric allows, shortest first. */
export const PERFORMANCE_WINDOWS = ["1m", "5m", "10m", "15m", "30m", "1h", "2h", "4h", "12h", "1d"] as const;
export type PerformanceWindow = (typeof PERFORMANCE_WINDOWS)[number];

export interface MetricFacts {
  /** `ms` for durations, `%` for rates. */
  unit: "ms" | "%";
  /** What Sentry reads: transactions (tracing) or sessions (release health). */
  reads: "transactions" | "sessions";
  /** The alert fires when the metric goes above the threshold, or below it. */
  alertsWhen: "above" | "below";
  windows: readonly PerformanceWindow[];
  /** The thresholds that can fire, in the metric's unit. */
  range: { min: number; minIncluded: boolean; max?: number; maxIncluded: boolean };
}

const DURATION: MetricFacts = {
  unit: "ms",
  reads: "transactions",
  alertsWhen: "above",
  windows: TRANSACTION_WINDOWS,
  range: { min: 0, minIncluded: false, maxIncluded: false },
};

export const METRICS: Readonly<Record<PerformanceMetric, MetricFacts>> = {
  p50: DURATION,
  p95: DURATION,
  p99: DURATION,
  // Above 0% fires on the first failure; nothing is above 100%.
  failureRate: {
    unit: "%",
    reads: "transactions",
    alertsWhen: "above",
    windows: TRANSACTION_WINDOWS,
    range: { min: 0, minIncluded: true, max: 100, maxIncluded: false },
  },
  // Below 100% fires on the first crash; nothing is below 0%.
  crashFreeSessions: {
    unit: "%",
    reads: "sessions",
    alertsWhen: "below",
    windows: SESSION_WINDOWS,
    range: { min: 0, minIncluded: false, max: 100, maxIncluded: true },
  },
};

export const DURATION_THRESHOLD_PATTERN = "^(0|[1-9][0-9]*)(\\.[0-9]+)?(ms|s)$";
export const PERCENTAGE_PATTERN = "^(0|[1-9][0-9]*)(\\.[0-9]+)?%$";

/** A threshold as written (`2s`, `800ms`, `5%`) in its metric's unit, or undefined when not of that unit. */
export function thresholdValue(text: string, unit: MetricFacts["unit"]): number | undefined {
  const match = unit === "ms" ? /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text) : /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] === "s" ? 1000 : 1);
  // Whole microseconds: 1.1s is 1100 ms, not 1100.0000000000002.
  return Math.round(value * 1000) / 1000;
}

/** The metrics a performance alert names (a well-formed one names exactly one). */
export function metricsOf(alert: Readonly<Record<string, unknown>>): PerformanceMetric[] {
  return PERFORMANCE_METRICS.filter((metric) => Object.hasOwn(alert, metric));
}

/** Whether a threshold (in the metric's unit) can fire: within the metric's range. */
export function inRange(metric: PerformanceMetric, value: number): boolean {
  const { min, minIncluded, max, maxIncluded } = METRICS[metric].range;
  return (
    (value > min || (minIncluded && value === min)) &&
    (max === undefined || value < max || (maxIncluded && value === max))
  );
}

// What a platform's SDK can send, as Sentry's product lists it (data/sentry-platform-features.json).
/** The platforms Sentry tracks no performance for, in the data's order. */
export const PLATFORMS_WITHOUT_TRANSACTIONS: readonly string[] = platformFeatures.withoutPerformanceSupport;
const WITHOUT_TRANSACTIONS: ReadonlySet<string> = new Set(PLATFORMS_WITHOUT_TRANSACTIONS);
const WITH_SESSIONS: ReadonlySet<string> = new Set(platformFeatures.releaseHealth);

/** Whether Sentry lists `platform` as able to send what `metric` reads (unknown for `other`). */
export function platformSends(metric: PerformanceMetric, platform: string): boolean | undefined {
  if (platform === "other") return undefined;
  return METRICS[metric].reads === "transactions" ? !WITHOUT_TRANSACTIONS.has(platform) : WITH_SESSIONS.has(platform);
}
