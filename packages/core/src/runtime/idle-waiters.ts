import type { Clock } from '../scheduler/clock.js';

/**
 * Callers waiting for every written command to be answered: woken by the writer when the
 * last one is, or by their own time limit; no polling.
 */
export class IdleWaiters {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Resolves on the next `wake`, or after `maxWaitMs`. */
  wait(maxWaitMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        cancel();
        this.waiters.delete(done);
        resolve();
      };
      const cancel = this.clock.setTimer(maxWaitMs, done);
      this.waiters.add(done);
    });
  }

  /** Nothing is pending any more. */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
