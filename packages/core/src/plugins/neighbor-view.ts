import type { RouteAttributes } from '@exaplug/protocol';

/** A neighbor's session state, as ExaBGP's `state` messages report it. */
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

/**
 * What checks see of the runtime's neighbor table: read-only. Declared with the plugin
 * API (the runtime keeps the table), so the API and its loaders do not depend on runtime/.
 */
export type NeighborView = ReadonlyMap<string, Readonly<Omit<NeighborEntry, 'received'>> & { received: ReadonlyMap<string, RouteAttributes & { nextHop: string }> }>;
