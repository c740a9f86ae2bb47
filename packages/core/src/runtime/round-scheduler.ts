import type { Clock } from '../scheduler/clock.js';

export interface RoundSchedulerOptions {
  clock: Clock;
  /** One round; resolves to the wait before the next one, or undefined when the service stopped. */
  round: () => Promise<number | undefined>;
  /** The shortest time between two rounds a watch asks for (the service's `fastInterval`). */
  watchSpacingMs: () => number;
}

/**
 * When a service's rounds run: one at a time, each scheduling the next, `exaplug recheck`
 * or a drain right after the one running, and a watch's trigger at once. A watch that fires
 * again within `watchSpacingMs` of its last round waits for that spacing (a watch firing in
 * a loop costs no more than a falling service); the first trigger never waits.
 */
export class RoundScheduler {
  private readonly options: RoundSchedulerOptions;
  private cancelTimer: (() => void) | undefined;
  /** When the timer fires, if one is set. */
  private dueAtMs: number | undefined;
  private running: Promise<void> | undefined;
  private nextDelayMs: number | undefined;
  /** Asked for while a round ran: `checkNow` (runs right after it) and a watch (as soon as its spacing allows). */
  private againAfterRound = false;
  private watchAfterRound = false;
  private lastWatchRoundAtMs = -Infinity;
  private stopped = false;

  constructor(options: RoundSchedulerOptions) {
    this.options = options;
  }

  /** The first round after `delayMs` (0: at once). */
  start(delayMs: number): void {
    if (delayMs <= 0) void this.run();
    else this.schedule(delayMs);
  }

  /** Runs a round now, or right after the one running; resolves when it is done. */
  async runNow(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.againAfterRound = true;
      await this.running;
      if (this.running) await this.running;
      return;
    }
    this.cancel();
    await this.run();
  }

  /** A watch saw a change: a round at once, or after the running one, within the watch's spacing. */
  watchTriggered(): void {
    if (this.stopped) return;
    if (this.running) this.watchAfterRound = true;
    else this.scheduleWatchRound();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private scheduleWatchRound(): void {
    const now = this.options.clock.now();
    const at = Math.max(now, this.lastWatchRoundAtMs + this.options.watchSpacingMs());
    // A round already due by then sees the change as well.
    if (this.dueAtMs !== undefined && this.dueAtMs <= at) return;
    if (at > now) {
      this.schedule(at - now, true);
      return;
    }
    this.cancel();
    this.lastWatchRoundAtMs = now;
    void this.run();
  }

  private schedule(delayMs: number, forWatch = false): void {
    const { clock } = this.options;
    this.cancel();
    this.dueAtMs = clock.now() + delayMs;
    this.cancelTimer = clock.setTimer(delayMs, () => {
      this.cancelTimer = undefined;
      if (forWatch) this.lastWatchRoundAtMs = clock.now();
      void this.run();
    });
  }

  private cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.dueAtMs = undefined;
  }

  private run(): Promise<void> {
    this.dueAtMs = undefined;
    this.running ??= this.options
      .round()
      .then((delayMs) => void (this.nextDelayMs = delayMs))
      .finally(() => {
        this.running = undefined;
        this.afterRound();
      });
    return this.running;
  }

  private afterRound(): void {
    const delayMs = this.nextDelayMs;
    this.nextDelayMs = undefined;
    if (this.stopped || delayMs === undefined) return;
    if (this.againAfterRound) {
      this.againAfterRound = false;
      this.watchAfterRound = false;
      void this.run();
      return;
    }
    this.schedule(delayMs);
    if (this.watchAfterRound) {
      this.watchAfterRound = false;
      this.scheduleWatchRound();
    }
  }
}
