import fc from 'fast-check';
import { ipsForNewService, normalised, type NewService } from '../model/apply-edit.js';
import type { OracleConfig, ServiceSpec, Timing, TrueHealth } from '../model/spec.js';
import { communitiesArbitrary, nextHopArbitrary, strategyArbitrary, timingArbitrary, timingOverrideArbitrary } from './strategy-arbitrary.js';

/** How many IPs of each family: IPv4 only, IPv6 only, or both (dual-stack: half the services, family mixing is what hurt). */
const familiesArbitrary = fc.oneof(
  fc.record({ ipv4: fc.integer({ min: 1, max: 3 }), ipv6: fc.constant(0) }),
  fc.record({ ipv4: fc.constant(0), ipv6: fc.integer({ min: 1, max: 3 }) }),
  { weight: 2, arbitrary: fc.record({ ipv4: fc.integer({ min: 1, max: 2 }), ipv6: fc.integer({ min: 1, max: 2 }) }) },
);

/** A service before it has a name and IPs: also what a reload adds. */
export const newServiceArbitrary: fc.Arbitrary<NewService> = fc
  .record({
    families: familiesArbitrary,
    wide: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    checkKind: fc.constantFrom('file' as const, 'file' as const, 'exec' as const),
    strategy: strategyArbitrary,
    nextHop: nextHopArbitrary,
    communities: communitiesArbitrary,
  })
  .map(({ families, ...rest }) => ({ ...rest, ...families }));

/** A generated config and each check's health at start. */
export interface GeneratedStart {
  config: OracleConfig;
  health: Record<string, TrueHealth>;
}

const serviceDraftArbitrary = fc.record({
  shape: newServiceArbitrary,
  timing: timingOverrideArbitrary,
  healthy: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

/** 1–6 services of every family mix and strategy, fast timings, grouping on or off, drains with or without a withdraw. */
export const startArbitrary: fc.Arbitrary<GeneratedStart> = fc
  .record({
    drafts: fc.array(serviceDraftArbitrary, { minLength: 1, maxLength: 6 }),
    defaults: timingArbitrary,
    groupRoutes: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    allowedPrefixes: fc.boolean(),
    gracefulShutdown: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    withdrawAfterMs: fc.option(fc.integer({ min: 300, max: 1500 }), { freq: 2 }),
  })
  .map(({ drafts, defaults, groupRoutes, allowedPrefixes, gracefulShutdown, withdrawAfterMs }) => buildStart(drafts, defaults, { groupRoutes, allowedPrefixes, gracefulShutdown, withdrawAfterMs }));

function buildStart(
  drafts: Array<{ shape: NewService; timing: Partial<Timing> | undefined; healthy: boolean }>,
  defaults: Timing,
  globals: { groupRoutes: boolean; allowedPrefixes: boolean; gracefulShutdown: boolean; withdrawAfterMs: number | null },
): GeneratedStart {
  const services: ServiceSpec[] = [];
  const health: Record<string, TrueHealth> = {};
  drafts.forEach(({ shape, timing, healthy }, index) => {
    const name = `s${index + 1}`;
    const checkId = `c${index + 1}`;
    services.push(normalised({ ...shape, name, checkId, ips: ipsForNewService({ services }, shape), ...(timing && { timing }) }));
    health[checkId] = healthy ? 'up' : 'down';
  });
  const drain = { gracefulShutdown: globals.gracefulShutdown, ...(globals.withdrawAfterMs !== null && { withdrawAfterMs: globals.withdrawAfterMs }) };
  return { config: { services, defaults, groupRoutes: globals.groupRoutes, allowedPrefixes: globals.allowedPrefixes, drain }, health };
}
