import { z } from 'zod';
import { defineStrategy } from '../plugins/define-strategy.js';
import { coreVersion } from '../plugins/core-version.js';
import { announceIntent, routeAttributesSchema, stateMetric, stateMetricsSchema, withdrawIntent, withdrawOnSchema } from './route-attributes.js';

/** rotate's own options, which `scaled` builds on. */
export const rotateFields = {
  /** This node's index k, 0-based. */
  node: z.number().int().min(0),
  /** How many nodes share the service IPs (n). */
  nodes: z.number().int().min(1),
  metrics: stateMetricsSchema,
  increase: z.number().int().min(0).default(1),
  withdrawOn: withdrawOnSchema,
};

/** A node index must be below the node count (a refinement of rotate's and scaled's options). */
export function isNodeInRange(options: { node: number; nodes: number }): boolean {
  return options.node < options.nodes;
}

/** What a node index out of range is told. */
export const nodeOutOfRange = { message: 'node must be smaller than nodes', path: ['node'] };

const rotateOptions = routeAttributesSchema.extend(rotateFields).refine(isNodeInRange, nodeOutOfRange);

/**
 * The reference design: every node announces every service IP; IP j is primary on
 * node (n − 1 − j) mod n and each other node is a ranked backup, so that node k
 * announces IP j with `metric + increase × ((n − 1 − k − j) mod n)`.
 */
export function rotatedRank(node: number, nodes: number, ipIndex: number): number {
  const rank = (nodes - 1 - node - ipIndex) % nodes;
  return rank < 0 ? rank + nodes : rank;
}

export const rotateStrategy = defineStrategy({
  name: 'rotate',
  coreVersion: `^${coreVersion}`,
  options: rotateOptions,
  create(options) {
    return {
      gradesDegraded: options.metrics.degraded !== undefined,
      plan({ prefixes, state }) {
        if (options.withdrawOn.includes(state as 'down' | 'disabled')) {
          return prefixes.map((prefix) => withdrawIntent(prefix, options));
        }
        return prefixes.map((prefix, index) =>
          announceIntent(prefix, stateMetric(options.metrics, state) + options.increase * rotatedRank(options.node, options.nodes, index), options),
        );
      },
    };
  },
});
