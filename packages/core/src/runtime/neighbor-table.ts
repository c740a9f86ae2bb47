import type { ExabgpMessage, ShowRow } from '@exaplug/protocol';
import type { NeighborEntry } from '../plugins/neighbor-view.js';

export type { NeighborEntry, NeighborState, NeighborView } from '../plugins/neighbor-view.js';

/** Neighbors by peer address. Only the runtime writes it. */
export type NeighborTable = Map<string, NeighborEntry>;

/** What the table keeps, so a flood of messages cannot grow it without end. */
export interface NeighborTablePolicy {
  /**
   * The received prefixes worth keeping: those the checks asked for (`needs.receivedRoutes`).
   * Undefined keeps every one; the runtime always passes a set, so a full-table peer
   * costs nothing when no check looks at routes.
   */
  keepPrefixes?: ReadonlySet<string>;
  /** Past this many neighbors, the oldest one that is down (else the oldest) is forgotten. */
  maxNeighbors?: number;
}

/** ExaBGP talks to a handful of peers; a thousand is far past any real configuration. */
export const defaultMaxNeighbors = 1024;

/**
 * Folds one ExaBGP message into the table. `cameUp` names a neighbor that has just come
 * up (the runtime then re-announces everything); `stateChanged` is false for a state the
 * neighbor was already in, which is not worth a log line.
 */
export function applyNeighborMessage(
  table: NeighborTable,
  message: ExabgpMessage,
  now: number,
  policy: NeighborTablePolicy = {},
): { cameUp: string | undefined; stateChanged: boolean } {
  if (message.type === 'state') {
    const peer = message.neighbor.peer;
    const previous = table.get(peer);
    const entry: NeighborEntry = {
      state: message.state,
      since: previous?.state === message.state ? previous.since : now,
      received: message.state === 'down' ? new Map() : (previous?.received ?? new Map()),
    };
    if (message.reason !== undefined) entry.reason = message.reason;
    table.set(peer, entry);
    if (!previous) forgetBeyond(table, policy.maxNeighbors ?? defaultMaxNeighbors);
    return { cameUp: message.state === 'up' && previous?.state !== 'up' ? peer : undefined, stateChanged: previous?.state !== message.state };
  }
  if (message.type === 'update' && message.neighbor.direction !== 'send') {
    const entry = table.get(message.neighbor.peer);
    if (!entry) return { cameUp: undefined, stateChanged: false };
    const keep = policy.keepPrefixes;
    for (const route of message.withdraw) entry.received.delete(route.prefix);
    for (const route of message.announce) {
      if (keep && !keep.has(route.prefix)) continue;
      entry.received.set(route.prefix, { ...message.attributes, nextHop: route.nextHop });
    }
  }
  return { cameUp: undefined, stateChanged: false };
}

/** Looks at a few of the oldest entries for one that is down: bounded work per message. */
const evictionScan = 64;

function forgetBeyond(table: NeighborTable, max: number): void {
  while (table.size > max) {
    let victim: string | undefined;
    let looked = 0;
    for (const [peer, entry] of table) {
      victim ??= peer;
      if (entry.state === 'down') {
        victim = peer;
        break;
      }
      if (++looked >= evictionScan) break;
    }
    if (victim === undefined) return;
    table.delete(victim);
  }
}

/**
 * Fills the table from the `show neighbor summary` / `show adj-rib in` answers read at
 * start. Messages stay authoritative: the state of a neighbor already known from a state
 * message is left alone.
 */
export function applyShowRow(table: NeighborTable, row: ShowRow, now: number, policy: NeighborTablePolicy = {}): void {
  const entry = table.get(row.peer);
  if (row.kind === 'summary') {
    if (entry && !entry.seeded) return;
    table.set(row.peer, { state: row.state === 'established' ? 'up' : 'down', since: now, received: entry?.received ?? new Map(), seeded: true });
    if (!entry) forgetBeyond(table, policy.maxNeighbors ?? defaultMaxNeighbors);
    return;
  }
  // Also for a neighbor known from a message: its UPDATEs may have come before exaplug
  // listened (EarlyLines drops them), and this answer is the only way they come back. ExaBGP
  // writes on one pipe in order, so the answer is as fresh as every UPDATE before it; one
  // already held came from such an UPDATE, with more attributes than the row: it stays.
  if (!entry || entry.state === 'down' || entry.received.has(row.prefix)) return;
  if (!policy.keepPrefixes || policy.keepPrefixes.has(row.prefix)) entry.received.set(row.prefix, { nextHop: row.nextHop });
}
