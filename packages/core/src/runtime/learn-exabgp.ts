import type { Clock } from '../scheduler/clock.js';
import { parseNeighborExtensive, parseShowOutput } from '@exaplug/protocol';
import type { ExabgpSession } from './exabgp-session.js';
import { applyShowRow, type NeighborTable, type NeighborTablePolicy } from './neighbor-table.js';

/**
 * What a (re)spawned process must ask, since ExaBGP tells it nothing of the sessions
 * already up: every configured neighbor, its state and its families (`show neighbor
 * extensive`; the families address each route to the sessions that carry it), and the
 * routes received so far when a check needs them (a full-table peer answers with a
 * million lines, so only then).
 */
export async function learnWhatExabgpKnows(
  session: ExabgpSession,
  table: NeighborTable,
  policy: NeighborTablePolicy,
  clock: Clock,
): Promise<void> {
  // No wait for the probe here: queries asked before it settles are written, in order, the moment it does.
  const [neighbors, received] = await Promise.all([
    session.query('show neighbor extensive'),
    policy.keepPrefixes?.size ? session.query('show adj-rib in') : undefined,
  ]);
  const described = parseNeighborExtensive(neighbors.lines);
  session.learnNeighbors(described);
  for (const neighbor of described) {
    applyShowRow(table, { kind: 'summary', peer: neighbor.peer, asn: neighbor.peerAs ?? 0, state: neighbor.state }, clock.now(), policy);
  }
  for (const line of received?.lines ?? []) {
    const row = parseShowOutput(line);
    if (row) applyShowRow(table, row, clock.now(), policy);
  }
}
