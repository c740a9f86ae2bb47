import type { Logger } from '../logger.js';

/** Logs a warning of one kind at most once per interval. */
export type RateLimitedWarning = (kind: string, fields: Record<string, unknown>, message: string) => void;

/**
 * A bad client can repeat its fault thousands of times a second: one line per kind and
 * interval is enough to see it, and the next line counts those left out (`suppressed`).
 */
export function createRateLimitedWarning(logger: Logger, options: { intervalMs: number; now?: () => number }): RateLimitedWarning {
  const now = options.now ?? (() => performance.now());
  const kinds = new Map<string, { loggedAt: number; suppressed: number }>();
  return (kind, fields, message) => {
    const seen = kinds.get(kind);
    if (seen && now() - seen.loggedAt < options.intervalMs) {
      seen.suppressed += 1;
      return;
    }
    logger.warn(seen?.suppressed ? { ...fields, suppressed: seen.suppressed } : fields, message);
    kinds.set(kind, { loggedAt: now(), suppressed: 0 });
  };
}
