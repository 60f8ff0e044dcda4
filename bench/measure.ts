// Tiny benchmark harness: medians over several runs, reported next to a baseline measured in the same run.

export interface Measurement {
  medianMs: number;
  runs: number;
}

export async function measure(fn: () => unknown | Promise<unknown>, runs: number, warmup = 2): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), runs };
}

/**
 * Like `measure` for several functions compared with each other, their runs taking turns, so that a
 * change of the machine's load (shared by other jobs) weighs on each alike.
 */
export async function measureInTurns<K extends string>(
  fns: Record<K, () => unknown | Promise<unknown>>,
  runs: number,
  warmup = 1,
): Promise<Record<K, Measurement>> {
  const keys = Object.keys(fns) as K[];
  const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup + runs; i++)
    for (const k of keys) {
      const started = performance.now();
      await fns[k]();
      if (i >= warmup) times[k].push(performance.now() - started);
    }
  return Object.fromEntries(keys.map((k) => [k, { medianMs: median(times[k]), runs }])) as Record<K, Measurement>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Target {
  label: string;
  met: boolean;
}

export function report(title: string, lines: string[], targets: Target[]): boolean {
  console.log(`\n## ${title}`);
  for (const line of lines) console.log(`  ${line}`);
  for (const t of targets) console.log(`  target ${t.met ? "met   " : "MISSED"}: ${t.label}`);
  return targets.every((t) => t.met);
}

export const ms = (m: Measurement) => `${m.medianMs.toFixed(1)} ms (median of ${m.runs})`;
