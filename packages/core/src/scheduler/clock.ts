/** Time as the runtime sees it; injected so tests can drive it. */
export interface Clock {
  /** Milliseconds, monotonic enough for intervals and timeouts. */
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}
