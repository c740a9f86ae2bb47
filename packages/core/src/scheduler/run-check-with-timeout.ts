import { formatDuration } from '../duration.js';
import { failed, type CheckResult } from '../plugins/check-result.js';
import type { CheckInstance, CheckRunInput } from '../plugins/define-check.js';
import type { Clock } from './clock.js';

const statuses = new Set(['healthy', 'degraded', 'failed']);

/**
 * How long a check may take, after its signal is aborted, to say why it was stuck
 * ("hung during the login handshake"). Most settle within a tick of the abort event.
 */
export const abortReasonGraceMs = 100;

/** How an attempt runs: `onSettled` is told when the plugin's own promise settles, even after its timeout. */
export interface CheckAttemptOptions {
  name: string;
  timeoutMs: number;
  clock: Clock;
  abortGraceMs?: number;
  onSettled?: () => void;
}

interface Settled {
  result: CheckResult;
  error?: unknown;
}

/**
 * Runs one attempt and always settles with a result: a timeout aborts the plugin's
 * signal and resolves failed even if the plugin ignores the signal and never settles
 * (its own reason is kept when it gives one within `abortReasonGraceMs`); a throw or a
 * malformed result is a failed check carrying the plugin's name. At a thousand attempts a
 * second this is the framework's hot path: one promise of its own, one timer, and the
 * AbortSignal made only when the plugin reads it (a `file` check never does).
 */
export function runCheckWithTimeout(check: CheckInstance, options: CheckAttemptOptions): Promise<CheckResult> {
  return new Promise((resolve) => runAttempt(check, options, resolve));
}

function runAttempt(check: CheckInstance, options: CheckAttemptOptions, resolve: (result: CheckResult) => void): void {
  const { name, timeoutMs, clock } = options;
  const started = clock.now();
  const abort = new LazyAbort();
  let settled: Settled | undefined;
  let timeoutText: string | undefined;
  let cancelGrace: (() => void) | undefined;
  let finished = false;
  const finishTimedOut = () => {
    if (finished) return;
    finished = true;
    const reason = abortedReason(settled, abort.reason, timeoutText as string);
    resolve({ ...failed(reason, { code: 'EXAPLUG_CHECK_TIMEOUT' }), durationMs: clock.now() - started });
  };
  const cancelTimer = clock.setTimer(timeoutMs, () => {
    timeoutText = `timeout after ${formatDuration(timeoutMs)}`;
    abort.abort(new Error(timeoutText));
    if (settled) finishTimedOut();
    else cancelGrace = clock.setTimer(options.abortGraceMs ?? abortReasonGraceMs, finishTimedOut);
  });
  const done = (outcome: Settled) => {
    settled = outcome;
    options.onSettled?.();
    if (timeoutText === undefined) {
      cancelTimer();
      finished = true;
      resolve(withDuration(outcome.result, clock.now() - started));
    } else if (cancelGrace) {
      cancelGrace();
      finishTimedOut();
    }
  };
  let running: unknown;
  try {
    running = check.run(abort.inputWith(timeoutMs));
  } catch (error) {
    running = Promise.reject(error);
  }
  void Promise.resolve(running).then(
    (result) => done({ result: isCheckResult(result) ? result : failed(`${name} returned ${describe(result)} instead of a result`) }),
    (error: unknown) =>
      done({ result: failed(`${name} threw: ${error instanceof Error ? error.message : String(error)}`, { code: 'EXAPLUG_CHECK_THREW' }), error }),
  );
}

/** An attempt's abort: the AbortController (about 2 µs) is made when the plugin first reads its signal. */
class LazyAbort {
  private controller: AbortController | undefined;
  reason: Error | undefined;

  /** The plugin's input: `signal` made on first read, already aborted if the timeout came first. */
  inputWith(timeoutMs: number): CheckRunInput {
    const signal = () => this.signal();
    return {
      get signal() {
        return signal();
      },
      timeoutMs,
    };
  }

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: Error): void {
    this.reason = reason;
    this.controller?.abort(reason);
  }
}

/** The timeout, with what the plugin said about it when that adds anything. */
function abortedReason(settled: Settled | undefined, abortReason: unknown, timeoutText: string): string {
  if (!settled || settled.result.status !== 'failed') return timeoutText;
  let said: string | undefined = settled.result.reason;
  if (settled.error !== undefined) {
    const error = settled.error;
    const isEcho = error === abortReason || (error instanceof Error && error.name === 'AbortError');
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
