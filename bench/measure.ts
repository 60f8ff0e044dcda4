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
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { medianMs, runs };
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
