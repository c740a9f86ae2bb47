import { setMaxListeners } from 'node:events';
import type { CheckCombination } from '../health/check-combination.js';
import type { CheckResult } from './check-result.js';
import { decideComposite } from './decide-composite.js';
import type { CheckInstance, CheckRunInput } from './define-check.js';
import { compositePartDeadlineMs, startCompositePart } from './start-composite-part.js';

/** One part of a composite check, already created. */
export interface CheckPart {
  /** As shown in reasons and `exaplug check`: `http`, or `http#2` when a plugin appears twice. */
  name: string;
  instance: CheckInstance;
}

/**
 * Runs the parts of `check: { all | any | quorum }` side by side and answers as soon as the
 * verdict is certain (any: the first pass; all: the first failure; quorum: enough passed, or
 * too many failed), aborting the parts still running. Each part has its own deadline inside
 * the round's timeout, so a hung part is a failed part, never a timed-out composite.
 */
export function createCompositeCheck(combination: CheckCombination, parts: readonly CheckPart[]): CheckInstance {
  return {
    run: (input) => runParts(combination, parts, input),
    // Any part that sees its target change asks for a round of the whole composite.
    watch(input) {
      for (const part of parts) part.instance.watch?.(input);
    },
    async close() {
      await Promise.allSettled(parts.map(async (part) => part.instance.close?.()));
    },
  };
}

function runParts(combination: CheckCombination, parts: readonly CheckPart[], input: CheckRunInput): Promise<CheckResult> {
  // Each part listens to the round's signal: past ten parts Node would warn of a leak that
  // is none (the signal lives for one round).
  setMaxListeners(0, input.signal);
  const started = performance.now();
  // Without timeoutMs (a test calling `run` itself) only the round's signal stops a part.
  const deadlineMs = input.timeoutMs === undefined ? undefined : compositePartDeadlineMs(input.timeoutMs);
  const running = parts.map((part) => startCompositePart(part.instance, { signal: input.signal, deadlineMs }));
  const outcomes: Array<{ name: string; result?: CheckResult }> = parts.map((part) => ({ name: part.name }));
  return new Promise((resolve) => {
    let isDecided = false;
    running.forEach((part, index) =>
      part.result.then((result) => {
        if (isDecided) return;
        (outcomes[index] as { result?: CheckResult }).result = result;
        const verdict = decideComposite(combination, outcomes, performance.now() - started);
        if (!verdict) return;
        isDecided = true;
        running.forEach((other, otherIndex) => {
          if (!outcomes[otherIndex]?.result) other.abort('not awaited: the result was already certain');
        });
        resolve(verdict);
      }),
    );
  });
}
