// What the performance rules need of one alert: its one metric and its threshold, when well formed.
import { METRICS, metricsOf, platformSends, thresholdValue, type PerformanceMetric } from "../performance";
import { eachPerformanceAlert, field, isRecord, text } from "./values";

export interface ReadMetric {
  metric: PerformanceMetric;
  /** The threshold as written (`2s`). */
  written: string;
  /** The threshold in the metric's unit (ms or %). */
  value: number;
}

/** The alert's one metric and its threshold, or undefined when other rules report the alert's shape. */
export function readMetric(alert: unknown): ReadMetric | undefined {
  if (!isRecord(alert)) return undefined;
  const metrics = metricsOf(alert);
  if (metrics.length !== 1) return undefined;
  const [metric] = metrics;
  const written = text(field(alert, metric));
  const value = written === undefined ? undefined : thresholdValue(written, METRICS[metric].unit);
  return written !== undefined && value !== undefined ? { metric, written, value } : undefined;
}

/** Each performance alert whose metric's data Sentry does not list for the project's platform. */
export function eachUnsentMetric(
  data: unknown,
  reads: "transactions" | "sessions",
  visit: (at: (string | number)[], metric: PerformanceMetric, platform: string) => void,
) {
  eachPerformanceAlert(data, (alert, path, project) => {
    const read = readMetric(alert);
    const platform = text(field(project, "platform"));
    if (
      read &&
      platform !== undefined &&
      METRICS[read.metric].reads === reads &&
      platformSends(read.metric, platform) === false
    )
      visit([...path, read.metric], read.metric, platform);
  });
}
