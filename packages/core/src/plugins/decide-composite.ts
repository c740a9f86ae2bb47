import type { CheckCombination } from '../health/check-combination.js';
import { combineCheckResults } from './combine-check-results.js';
import type { CheckResult, CheckStatus } from './check-result.js';

/** A part of a composite round: its result once it has one. */
export interface CompositePartOutcome {
  name: string;
  result?: CheckResult;
}

/**
 * The composite's result as soon as it is certain, `undefined` while a part still running
 * could change it. Certain means the parts still running cannot move the verdict either way:
 * the same status if they all passed as if they all failed (any: one pass; all: one failure;
 * quorum: enough passed, or too many failed to reach it).
 */
export function decideComposite(combination: CheckCombination, parts: readonly CompositePartOutcome[], elapsedMs: number): CheckResult | undefined {
  const unfinished = parts.filter((part) => !part.result);
  if (unfinished.length === 0) return combineCheckResults(combination, parts as ReadonlyArray<Required<CompositePartOutcome>>);
  const best = statusIf(combination, parts, 'healthy');
  if (best !== statusIf(combination, parts, 'failed')) return undefined;
  return describeEarlyVerdict(combination, parts, best, elapsedMs);
}

function statusIf(combination: CheckCombination, parts: readonly CompositePartOutcome[], assumed: CheckStatus): CheckStatus {
  return combineCheckResults(combination, parts.map((part) => ({ name: part.name, result: part.result ?? { status: assumed } }))).status;
}

/**
 * The reason names the parts not awaited apart from those that fell: a part cancelled
 * because the verdict was already certain did not fail, and `exaplug check` must not say so.
 */
function describeEarlyVerdict(combination: CheckCombination, parts: readonly CompositePartOutcome[], status: CheckStatus, elapsedMs: number): CheckResult {
  const healthyCount = parts.filter((part) => part.result?.status === 'healthy').length;
  const summary = `${healthyCount}/${parts.length} healthy${combination.mode === 'quorum' ? `, quorum ${combination.quorum}` : ''}`;
  const fell = parts.flatMap(({ name, result }) => (result && result.status !== 'healthy' ? [`${name} ${result.status}${result.reason ? ` (${result.reason})` : ''}`] : []));
  const notAwaited = parts.filter((part) => !part.result).map((part) => part.name);
  const notes = [...fell, `${notAwaited.join(', ')} not awaited (the result was already certain)`];
  return {
    status,
    reason: `${summary}: ${notes.join('; ')}`,
    details: {
      parts: parts.map(({ name, result }) =>
        result
          ? { name, status: result.status, reason: result.reason, durationMs: result.durationMs }
          : { name, status: 'cancelled', reason: 'not awaited: the result was already certain', durationMs: Math.round(elapsedMs) },
      ),
    },
  };
}
