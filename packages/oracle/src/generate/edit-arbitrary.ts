import fc from 'fast-check';
import type { ConfigEdit } from '../model/apply-edit.js';
import { newServiceArbitrary } from './config-arbitrary.js';
import { communitiesArbitrary, nextHopArbitrary, strategyArbitrary, timingOverrideArbitrary } from './strategy-arbitrary.js';

const index = fc.nat(5);

/** What a reload changes: services added, removed, renamed, an IP moved between services, metrics, attributes, grouping. */
export const editArbitrary: fc.Arbitrary<ConfigEdit> = fc.oneof(
  fc.record({ kind: fc.constant('addService' as const), service: newServiceArbitrary }),
  fc.record({ kind: fc.constant('removeService' as const), index }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moveIp' as const), from: index, ip: fc.nat(3), to: index }) },
  fc.record({ kind: fc.constant('renameService' as const), index }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('changeStrategy' as const), index, strategy: strategyArbitrary }) },
  fc.record({ kind: fc.constant('changeNextHop' as const), index, nextHop: nextHopArbitrary }),
  fc.record({ kind: fc.constant('changeCommunities' as const), index, communities: communitiesArbitrary }),
  fc.record({ kind: fc.constant('changeTiming' as const), index, timing: timingOverrideArbitrary.map((timing) => timing ?? {}) }),
  fc.record({ kind: fc.constant('toggleGroupRoutes' as const) }),
);
