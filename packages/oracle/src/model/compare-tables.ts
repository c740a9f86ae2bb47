import { canonicalAddress, canonicalPrefix } from './canonical.js';
import { sortCommunities } from './expected-table.js';
import type { ExpectedTable } from './spec.js';

/** A route as a route server reports it (the lab's HeldRoute). */
export interface HeldRouteLike {
  prefix: string;
  med: number | undefined;
  communities: string[];
  nextHop: string;
}

/**
 * Every difference between what the model says and what one route server holds, one line
 * each (`203.0.113.1/32: med 100 expected, held 1000`); empty when they are equal.
 */
export function diffTables(expected: ExpectedTable, held: ReadonlyMap<string, HeldRouteLike>): string[] {
  const actual = new Map([...held.values()].map((route) => [canonicalPrefix(route.prefix), route]));
  const differences: string[] = [];
  for (const [prefix, want] of expected) {
    const got = actual.get(prefix);
    if (!got) {
      differences.push(`${prefix}: missing (expected med ${want.med}${describeCommunities(want.communities)}, next hop ${want.nextHop})`);
      continue;
    }
    if (got.med !== want.med) differences.push(`${prefix}: med ${want.med} expected, held ${got.med ?? 'none'}`);
    const gotCommunities = sortCommunities(got.communities);
    if (gotCommunities.join(' ') !== want.communities.join(' ')) {
      differences.push(`${prefix}: communities [${want.communities.join(' ')}] expected, held [${gotCommunities.join(' ')}]`);
    }
    if (canonicalAddress(got.nextHop) !== canonicalAddress(want.nextHop)) differences.push(`${prefix}: next hop ${want.nextHop} expected, held ${got.nextHop}`);
  }
  for (const [prefix, got] of actual) {
    if (!expected.has(prefix)) differences.push(`${prefix}: held (med ${got.med ?? 'none'}${describeCommunities(got.communities)}) but should be withdrawn`);
  }
  return differences;
}

function describeCommunities(communities: readonly string[]): string {
  return communities.length === 0 ? '' : `, communities ${communities.join(' ')}`;
}
