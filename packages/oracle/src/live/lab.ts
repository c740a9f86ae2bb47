import type { ExabgpNeighbor } from '@exaplug/test-support/exabgp';
import { startRouteServerLab, type HeldRoute } from '@exaplug/test-support/route-servers';
import { startLoopbackBirdLab } from './loopback-bird-lab.js';

export type { HeldRoute };

/** What the oracle needs of a route server (test-support's RouteServer). */
export interface RouteServerView {
  readonly name: string;
  table(): Promise<Map<string, HeldRoute>>;
  established(): Promise<boolean>;
  restart(): Promise<void>;
  readonly logFile: string;
}

/** What the oracle needs of the lab (test-support's RouteServerLab). */
export interface OracleLab {
  /** Where ExaBGP runs; undefined: on the host's loopback (the BIRD-only fallback). */
  readonly nodeNamespace: string | undefined;
  readonly node: { ipv4: string; ipv6: string };
  readonly altNextHop: { ipv4: string; ipv6: string };
  readonly servers: RouteServerView[];
  readonly exabgpNeighbors: ExabgpNeighbor[];
  waitEstablished(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The three route servers (BIRD 2, FRR, GoBGP) in network namespaces named after `prefix`;
 * `ORACLE_LAB=bird` gives one BIRD on loopback instead (quicker to start, for development).
 */
export async function openLab(prefix: string): Promise<OracleLab> {
  if (process.env.ORACLE_LAB === 'bird') return startLoopbackBirdLab();
  return startRouteServerLab({ prefix });
}
