import type { Clock } from '../scheduler/clock.js';

/** True if `work` resolved within `ms` on `clock` (a rejection passes through). */
export function settlesWithin(clock: Clock, work: Promise<unknown>, ms: number): Promise<boolean> {
  let cancel = () => {};
  const late = new Promise<boolean>((resolve) => (cancel = clock.setTimer(ms, () => resolve(false))));
  return Promise.race([work.then(() => true), late]).finally(cancel);
}
