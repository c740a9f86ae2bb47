import type { CheckCombination } from '../health/check-combination.js';
import type { CheckResult } from './check-result.js';

/**
 * One verdict from several checks (`check: { all | any | quorum }`):
 * - `all`: healthy when every part is; failed when any fails; else degraded;
 * - `any`: healthy when one part is; degraded when one is degraded; else failed;
 * - `quorum: N`: failed when fewer than N parts pass; healthy when N are healthy; else degraded.
 * The reason names the parts that are not healthy, so the operator sees which one fell.
 * The parts' `values` are merged into one set (a later part's value wins a shared name).
 */
export function combineCheckResults(combination: CheckCombination, parts: ReadonlyArray<{ name: string; result: CheckResult }>): CheckResult {
  const healthyCount = parts.filter((part) => part.result.status === 'healthy').length;
  const passingCount = parts.filter((part) => part.result.status !== 'failed').length;
  const needed = combination.mode === 'all' ? parts.length : combination.mode === 'any' ? 1 : combination.quorum;
  const status = passingCount < needed ? 'failed' : healthyCount >= needed ? 'healthy' : 'degraded';
  const notHealthy = parts.filter((part) => part.result.status !== 'healthy');
  const summary = `${healthyCount}/${parts.length} healthy${combination.mode === 'quorum' ? `, quorum ${combination.quorum}` : ''}`;
  const reason = notHealthy.length === 0 ? summary : `${summary}: ${notHealthy.map((part) => `${part.name} ${part.result.status}${part.result.reason ? ` (${part.result.reason})` : ''}`).join('; ')}`;
  const values: Record<string, number> = Object.assign({}, ...parts.map((part) => part.result.values ?? {}));
  return {
    status,
    reason,
    ...(Object.keys(values).length > 0 && { values }),
    details: { parts: parts.map((part) => ({ name: part.name, status: part.result.status, reason: part.result.reason, durationMs: part.result.durationMs })) },
  };
}
