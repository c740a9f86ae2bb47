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
}

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

/** The result as the rise/fall state machine sees it (degraded is a pass unless the strategy grades it). */
export function observationOf(result: CheckResult): 'pass' | 'degraded' | 'fail' {
  return result.status === 'healthy' ? 'pass' : result.status === 'degraded' ? 'degraded' : 'fail';
}

/** True when the rise/fall state machine should count this result as a success. */
export function isPassing(result: CheckResult): boolean {
  return result.status !== 'failed';
}
