/** Marks a wait that the runtime's signal cut short. */
export const aborted: unique symbol = Symbol('aborted');

/** Waits for `promise` unless `signal` aborts first; the loser's rejection is swallowed. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof aborted> {
  promise.catch(() => {});
  if (signal.aborted) return Promise.resolve(aborted);
  return new Promise<T | typeof aborted>((resolve, reject) => {
    const onAbort = (): void => resolve(aborted);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
