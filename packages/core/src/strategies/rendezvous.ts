import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ExaplugError } from '../errors.js';
import { coreVersion } from '../plugins/core-version.js';
import { defineStrategy } from '../plugins/define-strategy.js';
import { announceIntent, routeAttributesSchema, stateMetric, stateMetricsSchema, withdrawIntent, withdrawOnSchema } from './route-attributes.js';

const rendezvousOptions = routeAttributesSchema
  .extend({
    /** Every node that announces the service IPs, by name. Order does not matter. */
    members: z.array(z.string().min(1)).min(1),
    /** This node's name among members; defaults to the hostname. */
    self: z.string().min(1).optional(),
    metrics: stateMetricsSchema,
    increase: z.number().int().min(0).default(1),
    withdrawOn: withdrawOnSchema,
  })
  .refine((options) => new Set(options.members).size === options.members.length, { message: 'members must be unique', path: ['members'] });

/** A member's weight for one route: the first 52 bits of sha256(`member|prefix`), so every node computes the same. */
function weightOf(member: string, prefix: string): number {
  return Number.parseInt(createHash('sha256').update(`${member}|${prefix}`).digest('hex').slice(0, 13), 16);
}

/**
 * Highest-random-weight (rendezvous) order of the members for one route: best first.
 * Adding or removing a member changes only the routes it wins or loses (about 1/n),
 * unlike an index that shifts every route when the node count changes.
 */
export function rendezvousOrder(members: readonly string[], prefix: string): string[] {
  return [...members]
    .map((member) => ({ member, weight: weightOf(member, prefix) }))
    .sort((a, b) => b.weight - a.weight || (a.member < b.member ? -1 : 1))
    .map(({ member }) => member);
}

/**
 * Named members instead of a node index: each IP's primary and ranked backups come from
 * rendezvous hashing, and node `self` announces an IP with
 * `metric + increase × (its rank among members for that IP)`.
 */
export const rendezvousStrategy = defineStrategy({
  name: 'rendezvous',
  coreVersion: `^${coreVersion}`,
  options: rendezvousOptions,
  create(options, context) {
    const self = options.self ?? context.hostname;
    if (self === undefined || !options.members.includes(self)) {
      const which = options.self === undefined ? `the hostname ${JSON.stringify(self)} (set self)` : JSON.stringify(self);
      throw new ExaplugError('EXAPLUG_PLUGIN_OPTIONS', `strategy.with.self: ${which} is not one of members (${options.members.join(', ')})`);
    }
    return {
      gradesDegraded: options.metrics.degraded !== undefined,
      plan({ prefixes, state }) {
        if (options.withdrawOn.includes(state as 'down' | 'disabled')) return prefixes.map((prefix) => withdrawIntent(prefix, options));
        return prefixes.map((prefix) => {
          const rank = rendezvousOrder(options.members, prefix).indexOf(self);
          return announceIntent(prefix, stateMetric(options.metrics, state) + options.increase * rank, options);
        });
      },
    };
  },
});
