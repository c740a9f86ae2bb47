import { readIpPrefix, toNumericCommunity, unicastFamilyOf, type AdjRibRow, type RouteIntent } from '@exaplug/protocol';
import { neighborsFor, type NeighborFamilies } from './address-by-family.js';

/** A difference between what exaplug believes ExaBGP holds for a neighbor and what it does hold. */
export type Divergence =
  /** An announced route that ExaBGP does not hold for that neighbor. */
  | { kind: 'missing'; peer: string; prefix: string; route: RouteIntent }
  /** Held, but with other attributes than announced (`what` says which). */
  | { kind: 'differs'; peer: string; prefix: string; route: RouteIntent; what: string }
  /**
   * Held for that neighbor, inside what exaplug owns, and not announced there; `misfiled`
   * when ExaBGP files it under the other family (what a mixed-family command left in 4.2).
   */
  | { kind: 'unexpected'; peer: string; prefix: string; family: string; misfiled: boolean };

/**
 * Compares the announced routes with ExaBGP's `show adj-rib out extensive`, per neighbor:
 * each announced route must be held, with its MED and communities, by every neighbor that
 * carries its family (and that its selector names), and nothing else exaplug owns may be
 * held. `owns` tells our prefixes from others' (ExaBGP's static routes, other processes).
 * Next hops are compared only when explicit: 4.2 prints `self`, 5.0 the address.
 */
export function compareHeldRoutes(
  announced: readonly RouteIntent[],
  held: readonly AdjRibRow[],
  families: NeighborFamilies,
  owns: (prefix: string) => boolean,
): Divergence[] {
  const heldBy = new Map<string, AdjRibRow>();
  for (const row of held) {
    const prefix = canonical(row.prefix);
    if (row.family === unicastFamilyOf(prefix)) heldBy.set(`${row.peer} ${prefix}`, row);
  }
  const divergences: Divergence[] = [];
  const expected = new Set<string>();
  for (const route of announced) {
    if (route.action !== 'announce') continue;
    for (const peer of neighborsFor(route, families)) {
      const key = `${peer} ${route.prefix}`;
      expected.add(key);
      const row = heldBy.get(key);
      const what = row ? attributeDifference(route, row) : undefined;
      if (!row) divergences.push({ kind: 'missing', peer, prefix: route.prefix, route });
      else if (what) divergences.push({ kind: 'differs', peer, prefix: route.prefix, route, what });
    }
  }
  for (const row of held) {
    const prefix = canonical(row.prefix);
    const misfiled = row.family !== unicastFamilyOf(prefix);
    if (owns(prefix) && (misfiled || !expected.has(`${row.peer} ${prefix}`))) divergences.push({ kind: 'unexpected', peer: row.peer, prefix, family: row.family, misfiled });
  }
  return divergences;
}

function attributeDifference(route: RouteIntent, row: AdjRibRow): string | undefined {
  if (route.med !== row.med) return `med ${row.med ?? 'none'} instead of ${route.med ?? 'none'}`;
  const want = (route.communities ?? []).map(toNumericCommunity).sort().join(' ');
  const have = (row.communities ?? []).map(toNumericCommunity).sort().join(' ');
  if (want !== have) return `communities [${have}] instead of [${want}]`;
  if (route.nextHop !== 'self' && row.nextHop !== 'self' && canonicalAddress(row.nextHop) !== canonicalAddress(route.nextHop)) {
    return `next hop ${row.nextHop} instead of ${route.nextHop}`;
  }
  return undefined;
}

function canonical(prefix: string): string {
  const read = readIpPrefix(prefix);
  return typeof read === 'string' ? prefix : read.text;
}

function canonicalAddress(address: string): string {
  return canonical(address).split('/')[0] ?? address;
}
