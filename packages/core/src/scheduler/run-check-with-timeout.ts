import { formatDuration } from '../duration.js';
import { failed, type CheckResult } from '../plugins/check-result.js';
import type { CheckInstance } from '../plugins/define-check.js';
import type { Clock } from './clock.js';

const statuses = new Set(['healthy', 'degraded', 'failed']);

/**
 * How long a check may take, after its signal is aborted, to say why it was stuck
 * ("hung during the login handshake"). Most settle within a tick of the abort event.
 */
export const abortReasonGraceMs = 100;

/**
 * Runs one attempt and always settles with a result: a timeout aborts the plugin's
 * signal and resolves failed even if the plugin ignores the signal and never settles
 * (its own reason is kept when it gives one within `abortReasonGraceMs`); a throw or a
 * malformed result is a failed check carrying the plugin's name.
 */
export async function runCheckWithTimeout(
  check: CheckInstance,
  options: { name: string; timeoutMs: number; clock: Clock; abortGraceMs?: number },
): Promise<CheckResult> {
  const { name, timeoutMs, clock } = options;
  const controller = new AbortController();
  const started = clock.now();
  const timeoutText = `timeout after ${formatDuration(timeoutMs)}`;
  let cancelTimer = () => {};
  const timedOut = new Promise<void>((resolve) => {
    cancelTimer = clock.setTimer(timeoutMs, () => {
      controller.abort(new Error(timeoutText));
      resolve();
    });
  });
  let settled: { result: CheckResult; error?: unknown } | undefined;
  const attempt = Promise.resolve()
    .then(() => check.run({ signal: controller.signal, timeoutMs }))
    .then(
      (result) => (settled = { result: isCheckResult(result) ? result : failed(`${name} returned ${describe(result)} instead of a result`) }),
      (error: unknown) =>
        (settled = {
          result: failed(`${name} threw: ${error instanceof Error ? error.message : String(error)}`, { code: 'EXAPLUG_CHECK_THREW' }),
          error,
        }),
    );
  await Promise.race([attempt, timedOut]);
  cancelTimer();
  if (!controller.signal.aborted && settled) return withDuration(settled.result, clock.now() - started);
  if (!settled) {
    let cancelGrace = () => {};
    const grace = new Promise<void>((resolve) => (cancelGrace = clock.setTimer(options.abortGraceMs ?? abortReasonGraceMs, resolve)));
    await Promise.race([attempt, grace]);
    cancelGrace();
  }
  const reason = abortedReason(settled, controller.signal, timeoutText);
  return { ...failed(reason, { code: 'EXAPLUG_CHECK_TIMEOUT' }), durationMs: clock.now() - started };
}

/** The timeout, with what the plugin said about it when that adds anything. */
function abortedReason(settled: { result: CheckResult; error?: unknown } | undefined, signal: AbortSignal, timeoutText: string): string {
  if (!settled || settled.result.status !== 'failed') return timeoutText;
  let said: string | undefined = settled.result.reason;
  if (settled.error !== undefined) {
    const error = settled.error;
    const isEcho = error === signal.reason || (error instanceof Error && error.name === 'AbortError');
    said = isEcho ? undefined : error instanceof Error ? error.message : String(error);
  }
  if (!said || said.includes(timeoutText)) return said ?? timeoutText;
  return `${timeoutText}: ${said}`;
}

function withDuration(result: CheckResult, elapsedMs: number): CheckResult {
  return { ...result, durationMs: result.durationMs ?? elapsedMs };
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
