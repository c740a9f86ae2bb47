import { formatDuration } from '../duration.js';
import { failed, type CheckResult } from '../plugins/check-result.js';
import type { CheckInstance } from '../plugins/define-check.js';
import type { Clock } from './clock.js';

const statuses = new Set(['healthy', 'degraded', 'failed']);

/**
 * Runs one attempt and always settles with a result: a timeout aborts the plugin's
 * signal and resolves failed even if the plugin ignores the signal and never settles;
 * a throw or a malformed result is a failed check carrying the plugin's name.
 */
export async function runCheckWithTimeout(
  check: CheckInstance,
  options: { name: string; timeoutMs: number; clock: Clock },
): Promise<CheckResult> {
  const { name, timeoutMs, clock } = options;
  const controller = new AbortController();
  const started = clock.now();
  let cancelTimer = () => {};
  const timedOut = new Promise<CheckResult>((resolve) => {
    cancelTimer = clock.setTimer(timeoutMs, () => {
      controller.abort(new Error(`timeout after ${formatDuration(timeoutMs)}`));
      resolve(failed(`timeout after ${formatDuration(timeoutMs)}`, { code: 'EXAPLUG_CHECK_TIMEOUT' }));
    });
  });
  const attempt = Promise.resolve()
    .then(() => check.run({ signal: controller.signal }))
    .then(
      (result) => (isCheckResult(result) ? result : failed(`${name} returned ${describe(result)} instead of a result`)),
      (error: unknown) => failed(`${name} threw: ${error instanceof Error ? error.message : String(error)}`, { code: 'EXAPLUG_CHECK_THREW' }),
    );
  const result = await Promise.race([attempt, timedOut]);
  cancelTimer();
  // A check that reports its own abort after the deadline still counts as the timeout.
  const final = controller.signal.aborted && result.status !== 'failed' ? failed(`timeout after ${formatDuration(timeoutMs)}`) : result;
  return { ...final, durationMs: final.durationMs ?? clock.now() - started };
}

function isCheckResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && statuses.has((value as CheckResult).status);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value).slice(0, 80);
  } catch {
    return typeof value;
  }
}
