import type { Logger } from '../logger.js';
import type { CheckActivity } from '../process/check-activity.js';
import { blamedCheck } from '../process/blamed-check.js';

/** The probe's period: a stall shows as this timer firing late. */
const probeEveryMs = 50;
/** One warning per blamed check per this long; the rest are counted into the next one. */
const reportEveryMs = 10_000;

/** What the event-loop watch has seen, for a status view. */
export interface EventLoopStatus {
  /** Stalls longer than the threshold since start. */
  blocked: number;
  maxLagMs: number;
  last?: { lagMs: number; service?: string; check?: string; atMs: number };
}

export interface EventLoopWatch {
  readonly status: EventLoopStatus;
  setThreshold(ms: number): void;
  stop(): void;
}

/**
 * Measures event-loop lag with a timer-drift probe and reports each stall longer than the
 * threshold with the check that caused it: a check that spins the CPU delays every other
 * service's checks and the reading of ExaBGP's lines.
 */
export function watchEventLoop(options: { logger: Logger; activity: CheckActivity; thresholdMs: number }): EventLoopWatch {
  const { logger, activity } = options;
  let thresholdMs = options.thresholdMs;
  const status: EventLoopStatus = { blocked: 0, maxLagMs: 0 };
  const reported = new Map<string, { atMs: number; unreported: number; maxLagMs: number }>();
  let expected = performance.now() + probeEveryMs;
  const timer = setInterval(() => {
    const now = performance.now();
    const lagMs = Math.round(now - expected);
    expected = now + probeEveryMs;
    if (lagMs < thresholdMs) {
      activity.takeLongestSlice();
      return;
    }
    const blamed = blamedCheck(activity, lagMs);
    status.blocked += 1;
    status.maxLagMs = Math.max(status.maxLagMs, lagMs);
    status.last = { lagMs, atMs: now, ...(blamed && { service: blamed.service, check: blamed.plugin }) };
    const key = blamed ? `${blamed.service}\0${blamed.plugin}` : '';
    const seen = reported.get(key) ?? { atMs: Number.NEGATIVE_INFINITY, unreported: 0, maxLagMs: 0 };
    seen.unreported += 1;
    seen.maxLagMs = Math.max(seen.maxLagMs, lagMs);
    reported.set(key, seen);
    if (now - seen.atMs < reportEveryMs) return;
    logger.warn(
      {
        code: 'EXAPLUG_EVENT_LOOP_BLOCKED',
        lagMs,
        thresholdMs,
        times: seen.unreported,
        maxLagMs: seen.maxLagMs,
        ...(blamed && { service: blamed.service, check: blamed.plugin, syncMs: blamed.syncMs }),
      },
      'event loop blocked',
    );
    seen.atMs = now;
    seen.unreported = 0;
    seen.maxLagMs = 0;
  }, probeEveryMs);
  timer.unref();
  return {
    get status() {
      return status;
    },
    setThreshold: (ms) => (thresholdMs = ms),
    stop: () => clearInterval(timer),
  };
}
