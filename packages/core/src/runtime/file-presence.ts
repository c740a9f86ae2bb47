import type { Clock } from '../scheduler/clock.js';

/** Whether files exist, remembered for a while: see `createFilePresence`. */
export interface FilePresence {
  /** A boolean while the last answer is fresh (no promise, no await: asked every round), else the filesystem's answer. */
  has(path: string): boolean | Promise<boolean>;
  /** exaplug itself wrote or removed the file: known at once, without asking the filesystem. */
  set(path: string, present: boolean): void;
}

/**
 * Asks the filesystem about each file at most once per `maxAgeMs`. The drain files are
 * exaplug's own (written by `exaplug drain` through the runtime, which calls `set`), so a
 * round need not stat one per service: at 1000 services a second that was a thread-pool
 * `access` per check, about as much CPU as a trivial check itself.
 */
export function createFilePresence(exists: (path: string) => Promise<boolean>, clock: Clock, maxAgeMs: number): FilePresence {
  const known = new Map<string, { present: boolean; atMs: number }>();
  return {
    has(path) {
      const entry = known.get(path);
      if (entry && clock.now() - entry.atMs < maxAgeMs) return entry.present;
      return exists(path).then((present) => {
        known.set(path, { present, atMs: clock.now() });
        return present;
      });
    },
    set(path, present) {
      known.set(path, { present, atMs: clock.now() });
    },
  };
}
