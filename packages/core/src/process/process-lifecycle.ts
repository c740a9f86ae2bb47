import type { ProcessState } from './exabgp-process-options.js';
import { Listeners } from './listeners.js';

/**
 * The shell's one state at a time (`loading → running | idle`, `idle → loading`, any →
 * `stopping → stopped`), who hears of each change, and the exit code once stopped.
 */
export class ProcessLifecycle {
  private current: ProcessState = 'loading';
  private readonly listeners = new Listeners<[state: ProcessState, previous: ProcessState]>();
  private resolveExit: (code: number) => void = () => {};
  /** Resolves with the exit code once stopped. */
  readonly exited: Promise<number> = new Promise((resolve) => (this.resolveExit = resolve));

  get state(): ProcessState {
    return this.current;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onChange(listener: (state: ProcessState, previous: ProcessState) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Moves to `next` (no change, no call). */
  set(next: ProcessState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.listeners.emit(next, previous);
  }

  /** Stopped: exits with `code`, once `flushed` (what was written reached the pipe) when given. */
  finish(code: number, flushed?: () => Promise<void>): void {
    if (this.current === 'stopped') return;
    this.set('stopped');
    if (flushed) void flushed().then(() => this.resolveExit(code));
    else this.resolveExit(code);
  }
}
