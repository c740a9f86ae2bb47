import { setMaxListeners } from 'node:events';
import { combineCheckResults, type CheckCombination } from '../health/combine-check-results.js';
import { failed, type CheckResult } from './check-result.js';
import type { CheckInstance, CheckRunInput } from './define-check.js';

/** One part of a composite check, already created. */
export interface CheckPart {
  /** As shown in reasons and `exaplug check`: `http`, or `http#2` when a plugin appears twice. */
  name: string;
  instance: CheckInstance;
}

/**
 * Runs the parts of `check: { all | any | quorum }` side by side under the service's one
 * timeout and combines their results. A part that throws is a failed part; a part still
 * running when the signal aborts counts as failed at once, so the others' results are
 * kept instead of the whole round timing out.
 */
export function createCompositeCheck(combination: CheckCombination, parts: readonly CheckPart[]): CheckInstance {
  return {
    async run(input) {
      // Each part, and the plugin inside it, listens to the round's signal: past ten parts
      // Node would warn of a leak that is none (the signal lives for one round).
      setMaxListeners(0, input.signal);
      const results = await Promise.all(parts.map(async (part) => ({ name: part.name, result: await runPart(part.instance, input) })));
      return combineCheckResults(combination, results);
    },
    // Any part that sees its target change asks for a round of the whole composite.
    watch(input) {
      for (const part of parts) part.instance.watch?.(input);
    },
    async close() {
      await Promise.allSettled(parts.map(async (part) => part.instance.close?.()));
    },
  };
}

async function runPart(instance: CheckInstance, input: CheckRunInput): Promise<CheckResult> {
  const started = performance.now();
  const aborted = new Promise<CheckResult>((resolve) => {
    if (input.signal.aborted) resolve(failed('timeout'));
    input.signal.addEventListener('abort', () => resolve(failed('timeout')), { once: true });
  });
  const ran = Promise.resolve()
    .then(() => instance.run(input))
    .then(
      (result) => result,
      (error: unknown) => failed(`threw: ${(error as Error)?.message ?? String(error)}`),
    );
  const result = await Promise.race([ran, aborted]);
  return { ...result, durationMs: result.durationMs ?? Math.round(performance.now() - started) };
}
