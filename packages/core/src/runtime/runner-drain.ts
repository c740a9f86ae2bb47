import { withdrawnRoutes } from '../announce/drain-routes.js';
import type { RouteIntent } from '@exaplug/protocol';
import type { Clock } from '../scheduler/clock.js';
import type { RuntimeEvents } from './runtime-events.js';

/** How far a drain has gone: not drained, its routes announced (GRACEFUL_SHUTDOWN), or withdrawn. */
export type DrainProgress = false | 'announced' | 'withdrawn';

export interface RunnerDrainOptions {
  service: string;
  clock: Clock;
  events: RuntimeEvents;
  /** The drain settings; absent when drains are not kept (no drain file). */
  settings: { file: string; gracefulShutdown: boolean; withdrawAfterMs?: number | undefined } | undefined;
  /** Whether the drain file says drained (asked once per round). */
  isDrained: (file: string) => boolean | Promise<boolean>;
  /** Writes routes for the service; false when they were refused. */
  announce: (intents: RouteIntent[]) => boolean;
}

/**
 * One service's drain: read each round, then its routes announced with GRACEFUL_SHUTDOWN and
 * the disabled metrics, then (with `withdrawAfter`) withdrawn. The runner asks and tells;
 * this holds where the drain stands.
 */
export class RunnerDrain {
  private readonly options: RunnerDrainOptions;
  private progress: DrainProgress = false;
  /** What the drain file said at the last round. */
  private drainedNow = false;
  private cancelWithdraw: (() => void) | undefined;
  private stopped = false;

  constructor(options: RunnerDrainOptions) {
    this.options = options;
  }

  /**
   * Reads the drain file for this round; an undrained service forgets any drain in progress.
   * Synchronous while the file's presence is known (nearly every round: asked each round of
   * each service, a chain of async calls was a measurable part of a trivial check's cost).
   */
  read(): boolean | Promise<boolean> {
    const file = this.options.settings?.file;
    const answer = file === undefined ? false : this.options.isDrained(file);
    return typeof answer === 'boolean' ? this.settle(answer) : answer.then((drained) => this.settle(drained));
  }

  private settle(drained: boolean): boolean {
    this.drainedNow = drained;
    if (!drained) {
      this.setProgress(false);
      this.cancel();
    }
    return drained;
  }

  get isDrained(): boolean {
    return this.drainedNow;
  }

  get state(): DrainProgress {
    return this.progress;
  }

  /** Whether GRACEFUL_SHUTDOWN goes on the drain's routes. */
  get gracefulShutdown(): boolean {
    return this.options.settings?.gracefulShutdown === true;
  }

  /** The drain's routes are out: after `withdrawAfter` (if set) they are withdrawn. */
  announced(intents: readonly RouteIntent[]): void {
    const { settings, clock, announce } = this.options;
    this.setProgress('announced');
    if (settings?.withdrawAfterMs === undefined) return;
    this.cancel();
    this.cancelWithdraw = clock.setTimer(settings.withdrawAfterMs, () => {
      this.cancelWithdraw = undefined;
      if (this.stopped || !this.drainedNow) return;
      if (announce(withdrawnRoutes([...intents]))) this.setProgress('withdrawn');
    });
  }

  /** Resolves once the drain is complete: announced and, with `withdrawAfter`, withdrawn. */
  async settled(): Promise<void> {
    const goal = this.options.settings?.withdrawAfterMs === undefined ? 'announced' : 'withdrawn';
    while (!this.stopped && this.drainedNow && this.progress !== goal) {
      await new Promise<void>((resolve) => this.options.clock.setTimer(50, resolve));
    }
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private cancel(): void {
    this.cancelWithdraw?.();
    this.cancelWithdraw = undefined;
  }

  private setProgress(progress: DrainProgress): void {
    if (this.progress === progress) return;
    this.progress = progress;
    this.options.events.emit({ type: 'drainChanged', service: this.options.service, drained: progress });
  }
}
