/** What a check says about its service. `degraded` counts as healthy for rise/fall unless the strategy has a degraded tier (`metrics.degraded`). */
export type CheckStatus = 'healthy' | 'degraded' | 'failed';

/** The outcome of one check attempt. */
export interface CheckResult {
  status: CheckStatus;
  /** Words an operator understands: "status 503, expected 200-299", "connection refused". */
  reason?: string;
  /** How long the attempt took, in milliseconds (filled in by the runtime when absent). */
  durationMs?: number;
  /** Small structured facts for logs (status code, rows, answers). Never secrets. */
  details?: Record<string, unknown>;
  /**
   * Numbers a metric strategy may follow, by name (`{ load: 0.7 }`, `{ latencyMs: 12.3 }`,
   * `{ replicationLagS: 4 }`): the strategy reads the latest in `StrategyInput.values`, and
   * exaplug plans the routes again when they change. Finite numbers only (others are
   * dropped). A result without `values` keeps the previous ones, so a failed attempt that
   * measured nothing does not reset them.
   */
  values?: Record<string, number>;
}

/** A check's numbers as a strategy sees them: finite numbers only. */
export type CheckValues = Readonly<Record<string, number>>;

/** Helpers so checks read as English: `return healthy('status 200')`. */
export function healthy(reason?: string, details?: Record<string, unknown>): CheckResult {
  return { status: 'healthy', reason, details };
}

export function degraded(reason: string, details?: Record<string, unknown>): CheckResult {
  return { status: 'degraded', reason, details };
}

export function failed(reason: string, details?: Record<string, unknown>): CheckResult {
  return { status: 'failed', reason, details };
}

/** The finite numbers of a result's `values`, or undefined when it reports none. */
export function readCheckValues(result: CheckResult): CheckValues | undefined {
  if (typeof result.values !== 'object' || result.values === null) return undefined;
  return Object.fromEntries(Object.entries(result.values).filter(([, value]) => typeof value === 'number' && Number.isFinite(value)));
}

/** True when two sets of values have the same names and numbers. */
export function isSameValues(a: CheckValues, b: CheckValues): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** The result as the rise/fall state machine sees it (degraded is a pass unless the strategy grades it). */
export function observationOf(result: CheckResult): 'pass' | 'degraded' | 'fail' {
  return result.status === 'healthy' ? 'pass' : result.status === 'degraded' ? 'degraded' : 'fail';
}

/** True when the rise/fall state machine should count this result as a success. */
export function isPassing(result: CheckResult): boolean {
  return result.status !== 'failed';
}
