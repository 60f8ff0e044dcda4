// What the emulated projects received: events per day with their traits, and transaction outcomes other
// than accepted. The checklist's read-only endpoints answer from it (routes/checklist.ts, and the
// project list's per-day stats in routes/projects.ts). A test double: only the traits the checklist asks
// Sentry about are modelled.

/** Events of one kind received by a project on one day. */
export interface EventBucket {
  day: string;
  type: "error" | "transaction";
  count: number;
  hasEnvironment: boolean;
  hasRelease: boolean;
  /** Distinct user e-mails / IP addresses these events carry (0: none). */
  userEmails: number;
  userIps: number;
}

/** A transaction outcome other than `accepted` (accepted ones are the transaction buckets). */
export interface DroppedTransactions {
  outcome: "rate_limited" | "client_discard" | "filtered";
  reason: string;
  quantity: number;
}

const DAY_MS = 86_400_000;

export class EmulatedTelemetry {
  readonly buckets = new Map<string, EventBucket[]>();
  readonly dropped = new Map<string, DroppedTransactions[]>();
  /** The day Sentry considers today (ISO); tests pin it. */
  now = Date.now();

  add(projectId: string, bucket: EventBucket): void {
    this.buckets.set(projectId, [...(this.buckets.get(projectId) ?? []), bucket]);
  }

  drop(projectId: string, dropped: DroppedTransactions): void {
    this.dropped.set(projectId, [...(this.dropped.get(projectId) ?? []), dropped]);
  }

  /** The first day of the period `days` long that ends today. */
  periodStart(days: number): string {
    const today = Math.floor(this.now / DAY_MS) * DAY_MS;
    return new Date(today - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  }

  inPeriod(projectId: string, days: number): EventBucket[] {
    const start = this.periodStart(days);
    return (this.buckets.get(projectId) ?? []).filter((b) => b.day >= start);
  }

  firstEvent(projectId: string): string | null {
    const days = (this.buckets.get(projectId) ?? []).map((b) => b.day).sort();
    return days.length > 0 ? `${days[0]}T00:00:00Z` : null;
  }

  /** `[epoch seconds, count]` per day of the period, zero-filled. */
  dailyCounts(projectId: string, days: number, type: EventBucket["type"]): [number, number][] {
    const start = Date.parse(`${this.periodStart(days)}T00:00:00Z`);
    const counts: [number, number][] = Array.from({ length: days }, (_, i) => [(start + i * DAY_MS) / 1000, 0]);
    for (const bucket of this.inPeriod(projectId, days)) {
      if (bucket.type !== type) continue;
      counts[Math.round((Date.parse(`${bucket.day}T00:00:00Z`) - start) / DAY_MS)][1] += bucket.count;
    }
    return counts;
  }
}
