import { formatDuration } from '../duration.js';
import { failed, type CheckResult } from './check-result.js';
import type { CheckInstance } from './define-check.js';
import { describeAbort } from './describe-abort.js';

/** One part of a composite round, running under its own signal. */
export interface RunningPart {
  /** Always settles: with the part's result, or failed the moment the part is aborted. */
  result: Promise<CheckResult>;
  /** Aborts the part's signal and settles `result` as failed with this reason at once. */
  abort(reason: string): void;
}

/**
 * Starts one part with its own AbortController, aborted by its own deadline or by the
 * round's signal. An aborted part settles at once, whether or not the plugin honours its
 * signal: a plugin that ignores its abort must not hold the composite.
 */
export function startCompositePart(instance: CheckInstance, round: { signal: AbortSignal; deadlineMs?: number }): RunningPart {
  const controller = new AbortController();
  const started = performance.now();
  let settle!: (result: CheckResult) => void;
  const result = new Promise<CheckResult>((resolve) => (settle = resolve)).then((outcome) => {
    cleanUp();
    return { ...outcome, durationMs: outcome.durationMs ?? Math.round(performance.now() - started) };
  });
  const abort = (reason: string) => {
    if (controller.signal.aborted) return;
    controller.abort(new Error(reason));
    settle(failed(reason));
  };
  const onRoundAborted = () => abort(describeAbort(round.signal));
  round.signal.addEventListener('abort', onRoundAborted, { once: true });
  const { deadlineMs } = round;
  const timer = deadlineMs === undefined ? undefined : setTimeout(() => abort(`timeout after ${formatDuration(deadlineMs)}`), deadlineMs);
  const cleanUp = () => {
    clearTimeout(timer);
    round.signal.removeEventListener('abort', onRoundAborted);
  };
  if (round.signal.aborted) onRoundAborted();
  Promise.resolve()
    .then(() => instance.run({ signal: controller.signal, timeoutMs: deadlineMs }))
    .then((outcome) => settle(isCheckResult(outcome) ? outcome : failed('returned something that is not a result')), (error: unknown) => settle(failed(`threw: ${(error as Error)?.message ?? String(error)}`)));
  return { result, abort };
}

/**
 * A part's deadline inside the round's `timeoutMs`: the composite must answer before the
 * runtime's own timer fires, or the round is "timeout after …" whatever the parts said.
 * The margin (a tenth, 10 ms to 1 s) leaves time to combine the results and return.
 */
export function compositePartDeadlineMs(timeoutMs: number): number {
  const margin = Math.min(1000, Math.max(10, Math.round(timeoutMs / 10)));
  return Math.max(Math.floor(timeoutMs / 2), timeoutMs - margin);
}

function isCheckResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && typeof (value as CheckResult).status === 'string';
}
