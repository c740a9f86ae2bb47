import type { ExabgpMessage, RouteAttributes } from '../protocol/messages.js';
import type { ShowRow } from '../protocol/parse-show-output.js';

export type NeighborState = 'connected' | 'up' | 'down';

/** What one neighbor sent us: prefix → attributes (the adj-rib-in, from `receive` updates). */
export interface NeighborEntry {
  state: NeighborState;
  since: number;
  reason?: string;
  received: Map<string, RouteAttributes & { nextHop: string }>;
  /** Learned from `show` output at start (ExaBGP replays nothing to a respawned process). */
  seeded?: boolean;
}

/** Neighbors by peer address. Only the runtime writes it. */
export type NeighborTable = Map<string, NeighborEntry>;

/** What checks see of the table: read-only. */
export type NeighborView = ReadonlyMap<string, Readonly<Omit<NeighborEntry, 'received'>> & { received: ReadonlyMap<string, RouteAttributes & { nextHop: string }> }>;

/**
 * Folds one ExaBGP message into the table. Returns true when a neighbor has just come
 * up, which is when the runtime re-announces everything.
 */
export function applyNeighborMessage(table: NeighborTable, message: ExabgpMessage, now: number): { cameUp: string | undefined } {
  if (message.type === 'state') {
    const peer = message.neighbor.peer;
    const previous = table.get(peer);
    const entry: NeighborEntry = {
      state: message.state,
      since: now,
      received: message.state === 'down' ? new Map() : (previous?.received ?? new Map()),
    };
    if (message.reason !== undefined) entry.reason = message.reason;
    table.set(peer, entry);
    return { cameUp: message.state === 'up' && previous?.state !== 'up' ? peer : undefined };
  }
  if (message.type === 'update' && message.neighbor.direction !== 'send') {
    const entry = table.get(message.neighbor.peer);
    if (!entry) return { cameUp: undefined };
    for (const route of message.withdraw) entry.received.delete(route.prefix);
    for (const route of message.announce) entry.received.set(route.prefix, { ...message.attributes, nextHop: route.nextHop });
  }
  return { cameUp: undefined };
}

/**
 * Fills the table from the `show neighbor summary` / `show adj-rib in` answers read at
 * start. Messages stay authoritative: a neighbor already known from a state message is
 * left alone.
 */
export function applyShowRow(table: NeighborTable, row: ShowRow, now: number): void {
  const entry = table.get(row.peer);
  if (row.kind === 'summary') {
    if (entry && !entry.seeded) return;
    table.set(row.peer, { state: row.state === 'established' ? 'up' : 'down', since: now, received: entry?.received ?? new Map(), seeded: true });
    return;
  }
  if (entry?.seeded) entry.received.set(row.prefix, { nextHop: row.nextHop });
}
