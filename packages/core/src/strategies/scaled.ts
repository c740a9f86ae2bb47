import { z } from 'zod';
import { coreVersion } from '../plugins/core-version.js';
import { defineStrategy } from '../plugins/define-strategy.js';
import { announceIntent, routeAttributesSchema, stateMetric, withdrawIntent } from './route-attributes.js';
import { isNodeInRange, nodeOutOfRange, rotatedRank, rotateFields } from './rotate.js';

/** One step: past `above`, the MED grows by `add`. */
const stepSchema = z.strictObject({ above: z.number(), add: z.number().int().min(0) });

const scaledOptions = routeAttributesSchema
  .extend({
    ...rotateFields,
    /** The name of the check's value to follow (`CheckResult.values`), e.g. `load`. */
    value: z.string().min(1),
    /** MED added while up (or degraded): the `add` of the last step whose `above` the value exceeds. */
    steps: z.array(stepSchema).min(1),
    /** Past this value, withdraw instead of announcing (while up or degraded). */
    withdrawAbove: z.number().optional(),
  })
  .refine(isNodeInRange, nodeOutOfRange)
  .refine((options) => options.steps.every((step, index) => index === 0 || step.above > (options.steps[index - 1] as { above: number }).above), {
    message: 'steps must be in increasing order of above',
    path: ['steps'],
  });

/** The MED a value adds: the `add` of the last step it is above; 0 below every step or when not measured. */
export function stepAdd(steps: ReadonlyArray<{ above: number; add: number }>, value: number | undefined): number {
  if (value === undefined) return 0;
  let add = 0;
  for (const step of steps) if (value > step.above) add = step.add;
  return add;
}

/**
 * `rotate`, with a MED that follows a value the check reports: while up (or degraded),
 * each route's MED grows by the step the value reached, so a loaded primary hands its IPs
 * to the backups before it fails, and past `withdrawAbove` the node withdraws. Down and
 * disabled are rotate's. Until the check reports the value, no step is added.
 */
export const scaledStrategy = defineStrategy({
  name: 'scaled',
  coreVersion: `^${coreVersion}`,
  options: scaledOptions,
  create(options) {
    return {
      gradesDegraded: options.metrics.degraded !== undefined,
      plan({ prefixes, state, values }) {
        const value = values?.[options.value];
        const serving = state === 'up' || state === 'degraded';
        const overloaded = serving && value !== undefined && options.withdrawAbove !== undefined && value > options.withdrawAbove;
        if (overloaded || options.withdrawOn.includes(state as 'down' | 'disabled')) return prefixes.map((prefix) => withdrawIntent(prefix, options));
        const base = stateMetric(options.metrics, state) + (serving ? stepAdd(options.steps, value) : 0);
        return prefixes.map((prefix, index) => announceIntent(prefix, base + options.increase * rotatedRank(options.node, options.nodes, index), options));
      },
    };
  },
});
