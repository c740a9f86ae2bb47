import fc from 'fast-check';
import type { Metrics, NextHopSpec, StrategySpec, Timing, WithdrawState } from '../model/spec.js';

/** Per-state MEDs: the healthcheck's defaults often, anything in 0..2000 otherwise (0 included). */
export const metricsArbitrary: fc.Arbitrary<Metrics> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ up: 100, down: 1000, disabled: 500 }) },
  { weight: 3, arbitrary: fc.record({ up: fc.integer({ min: 0, max: 400 }), down: fc.integer({ min: 0, max: 2000 }), disabled: fc.integer({ min: 0, max: 1000 }) }) },
);

const withdrawOnArbitrary: fc.Arbitrary<WithdrawState[]> = fc.subarray<WithdrawState>(['down', 'disabled']);
// Increase 0 often: routes with equal attributes are the ones grouped into one command.
const increaseArbitrary = fc.oneof(fc.constant(0), { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) });
const common = { metrics: metricsArbitrary, increase: increaseArbitrary, withdrawOn: withdrawOnArbitrary };

export const communitiesArbitrary: fc.Arbitrary<string[]> = fc.uniqueArray(fc.constantFrom('65001:1', '65001:2', '64512:100', '65001:666', '1:65535'), {
  maxLength: 2,
});

const members = ['w1', 'w2', 'w3', 'w4', 'w5'];

/** `fixed` (with an optional blackhole community when down), `rotate`, `rendezvous`. */
export const strategyArbitrary: fc.Arbitrary<StrategySpec> = fc.oneof(
  fc.record(
    { use: fc.constant('fixed' as const), ...common, startIp: fc.integer({ min: 0, max: 3 }), downCommunities: fc.uniqueArray(fc.constantFrom('65001:666', '65002:9'), { minLength: 1, maxLength: 2 }) },
    { requiredKeys: ['use', 'metrics', 'increase', 'withdrawOn', 'startIp'] },
  ),
  fc
    .record({ use: fc.constant('rotate' as const), ...common, nodes: fc.integer({ min: 1, max: 4 }), node: fc.nat(3) })
    .map((strategy) => ({ ...strategy, node: strategy.node % strategy.nodes })),
  fc
    .record({ use: fc.constant('rendezvous' as const), ...common, members: fc.shuffledSubarray(members, { minLength: 1 }), self: fc.nat(4) })
    .map(({ self, ...strategy }) => ({ ...strategy, self: strategy.members[self % strategy.members.length] as string })),
);

/** `self`, the alternative next hop, or one choice per family (the form a dual-stack service needs). */
export const nextHopArbitrary: fc.Arbitrary<NextHopSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('self' as const) },
  { weight: 1, arbitrary: fc.constant('alt' as const) },
  { weight: 2, arbitrary: fc.record({ ipv4: fc.constantFrom('self' as const, 'alt' as const), ipv6: fc.constantFrom('self' as const, 'alt' as const) }) },
);

/** Fast timings, so that a sequence of steps takes seconds: interval 200–500 ms, fast 100–200 ms. */
export const timingArbitrary: fc.Arbitrary<Timing> = fc.record({
  intervalMs: fc.integer({ min: 200, max: 500 }),
  fastIntervalMs: fc.integer({ min: 100, max: 200 }),
  timeoutMs: fc.constant(300),
  rise: fc.integer({ min: 1, max: 3 }),
  fall: fc.integer({ min: 1, max: 3 }),
  minDwellMs: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 1000 })),
});

/** A service's own overrides: usually none. */
export const timingOverrideArbitrary: fc.Arbitrary<Partial<Timing> | undefined> = fc.option(
  fc.record({ rise: fc.integer({ min: 1, max: 3 }), fall: fc.integer({ min: 1, max: 3 }), minDwellMs: fc.constantFrom(0, 500) }, { requiredKeys: [] }),
  { freq: 4 },
);
