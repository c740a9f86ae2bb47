import type { Clock } from '../scheduler/clock.js';

export interface RepeatLimiterOptions {
  /** Lines let through per key and window. */
  burst: number;
  windowMs: number;
  /** Keys remembered at most; past that the oldest is forgotten. */
  maxKeys?: number;
}

/** Whether to log this one, and how many of the same kind were left out before it. */
export type RepeatVerdict = { log: false } | { log: true; suppressed: number };

/**
 * Lets `burst` log lines of one kind through per window and counts the rest; the first
 * line let through in a later window carries that count (`suppressed`). A stream of
 * garbage (1.2M lines once made 395k warnings, 135 MB of log) then costs a few lines
 * a minute, and nothing is hidden without a trace.
 */
export function createRepeatLimiter(clock: Pick<Clock, 'now'>, options: RepeatLimiterOptions): (key: string) => RepeatVerdict {
  const { burst, windowMs, maxKeys = 256 } = options;
  const windows = new Map<string, { start: number; logged: number; suppressed: number }>();
  return (key) => {
    const now = clock.now();
    let window = windows.get(key);
    if (!window) {
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
      window = { start: now, logged: 0, suppressed: 0 };
      windows.set(key, window);
    } else if (now - window.start >= windowMs) {
      window.start = now;
      window.logged = 0;
    }
    if (window.logged >= burst) {
      window.suppressed++;
      return { log: false };
    }
    window.logged++;
    const suppressed = window.suppressed;
    window.suppressed = 0;
    return { log: true, suppressed };
  };
}
