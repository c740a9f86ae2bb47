import { z } from 'zod';
import { defineStrategy } from '../plugins/define-strategy.js';
import { coreVersion } from '../plugins/core-version.js';
import { announceIntent, nextHopSchema, routeAttributesSchema, stateMetric, stateMetricsSchema, withdrawIntent, withdrawOnSchema } from './route-attributes.js';

// No defaults here: a default next hop in an override would replace the configured one.
const perStateAttributes = routeAttributesSchema.partial().extend({ nextHop: nextHopSchema.optional() });

const fixedOptions = routeAttributesSchema.extend({
  metrics: stateMetricsSchema,
  increase: z.number().int().min(0).default(1),
  /** Rotate the IP list left by this many places (healthcheck's --start-ip). */
  startIp: z.number().int().min(0).default(0),
  withdrawOn: withdrawOnSchema,
  /** Attributes that replace the common ones in one state (e.g. a blackhole community when down). */
  states: z
    .strictObject({
      up: perStateAttributes.optional(),
      degraded: perStateAttributes.optional(),
      down: perStateAttributes.optional(),
      disabled: perStateAttributes.optional(),
    })
    .default({}),
});

/** Rotates a list left by n places, as Python's deque.rotate(-n) in the healthcheck. */
export function rotateLeft<T>(items: readonly T[], places: number): T[] {
  if (items.length === 0) return [];
  const shift = places % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * ExaBGP healthcheck's metrics: the first IP (after `startIp` rotation) gets the
 * state's metric, each following one `increase` more.
 */
export const fixedStrategy = defineStrategy({
  name: 'fixed',
  coreVersion: `^${coreVersion}`,
  options: fixedOptions,
  create(options) {
    return {
      gradesDegraded: options.metrics.degraded !== undefined,
      plan({ prefixes, state }) {
        const attributes = { ...options, ...stripUndefined(options.states[state] ?? {}) };
        const ordered = rotateLeft(prefixes, options.startIp);
        if (options.withdrawOn.includes(state as 'down' | 'disabled')) {
          return ordered.map((prefix) => withdrawIntent(prefix, attributes));
        }
        return ordered.map((prefix, index) => announceIntent(prefix, stateMetric(options.metrics, state) + options.increase * index, attributes));
      },
    };
  },
});

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
