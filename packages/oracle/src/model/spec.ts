/**
 * What a generated exaplug config says, in the oracle's own terms: small enough to shrink,
 * rich enough to render the YAML from. Next hops are symbolic (`self`, `alt`) so that a
 * config does not depend on the lab's addresses until it is rendered.
 */

export type Family = 'ipv4' | 'ipv6';
export type AnnouncedState = 'up' | 'down' | 'disabled';
export type WithdrawState = 'down' | 'disabled';

export interface Metrics {
  up: number;
  down: number;
  disabled: number;
}

interface StrategyCommon {
  metrics: Metrics;
  increase: number;
  withdrawOn: WithdrawState[];
}

export type StrategySpec =
  | (StrategyCommon & { use: 'fixed'; startIp: number; downCommunities?: string[] })
  | (StrategyCommon & { use: 'rotate'; node: number; nodes: number })
  | (StrategyCommon & { use: 'rendezvous'; members: string[]; self: string });

/** `self`, the lab's alternative next hop of the route's family, or one choice per family. */
export type NextHopChoice = 'self' | 'alt';
export type NextHopSpec = NextHopChoice | { ipv4: NextHopChoice; ipv6: NextHopChoice };

export interface Timing {
  intervalMs: number;
  fastIntervalMs: number;
  timeoutMs: number;
  rise: number;
  fall: number;
  minDwellMs: number;
}

/** How a service's true health is set: a file that exists, or an exec that can also hang. */
export type CheckKind = 'file' | 'exec';

export interface ServiceSpec {
  name: string;
  /** Names the health files; stays with the check when the service is renamed. */
  checkId: string;
  checkKind: CheckKind;
  /** Canonical prefixes (`203.0.113.1/32`, `2001:db8:30::1/128`), in config order. */
  ips: string[];
  strategy: StrategySpec;
  nextHop: NextHopSpec;
  communities: string[];
  /** Per-service overrides of the defaults. */
  timing?: Partial<Timing>;
}

export interface OracleConfig {
  services: ServiceSpec[];
  defaults: Timing;
  groupRoutes: boolean;
  /** Whether `allowedPrefixes` is set (always wide enough for every pool prefix). */
  allowedPrefixes: boolean;
  drain: { gracefulShutdown: boolean; withdrawAfterMs?: number };
}

/** A check's true health: a hanging check is a failed one once its timeout is over. */
export type TrueHealth = 'up' | 'down' | 'hang';

/** Everything outside the config that decides the routes. */
export interface World {
  /** By checkId. */
  health: Record<string, TrueHealth>;
  /** Drained services by name: a drain is a file named after the service, so it outlives a removal. */
  drained: string[];
}

/** The addresses a symbolic next hop stands for. */
export interface NextHopAddresses {
  self: Record<Family, string>;
  alt: Record<Family, string>;
}

/** One route a route server must hold. */
export interface ExpectedRoute {
  prefix: string;
  med: number;
  /** `A:B`, sorted. */
  communities: string[];
  nextHop: string;
}

export type ExpectedTable = Map<string, ExpectedRoute>;

/** The family of a canonical prefix. */
export function familyOf(prefix: string): Family {
  return prefix.includes(':') ? 'ipv6' : 'ipv4';
}

/** The timing a service runs with: its overrides over the defaults. */
export function timingOf(config: OracleConfig, service: ServiceSpec): Timing {
  return { ...config.defaults, ...service.timing };
}
