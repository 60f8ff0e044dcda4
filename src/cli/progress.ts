// Progress of long commands: one status line on stderr, rewritten in place, only when stderr is a
// terminal and not in CI. Logs and redirected output never see it, and stdout stays pure data.

export interface Progress {
  /** Replaces the status line (at most every 100 ms). */
  update(text: string): void;
  /** Clears the status line, before the command prints its result or an error. */
  done(): void;
}

export interface StatusStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const INTERVAL_MS = 100;
const CLEAR_LINE = "\r\u001b[2K";

export function progressLine(
  stream: StatusStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): Progress {
  if (!stream.isTTY || env.CI) return { update: () => {}, done: () => {} };
  let shown = false;
  let last = -Infinity;
  return {
    update(text) {
      if (now() - last < INTERVAL_MS) return;
      last = now();
      // Never wider than the terminal: a wrapped line could not be rewritten in place.
      const width = Math.max(10, (stream.columns || 80) - 1);
      stream.write(`${CLEAR_LINE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

/**
 * Shows `label` with the number of Sentry requests made so far, while `work` runs (the API client
 * counts them; the readers need not know about progress).
 */
export async function withRequestCount<T>(
  progress: Progress,
  label: string,
  stats: { readonly requests: number },
  work: () => Promise<T>,
): Promise<T> {
  const show = () => progress.update(`${label}: ${stats.requests.toLocaleString("en-GB")} Sentry requests`);
  show();
  const timer = setInterval(show, 250);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
