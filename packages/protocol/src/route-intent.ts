/**
 * One route the node wants ExaBGP to hold (or drop). Strategies produce these; the
 * protocol formatter turns each into exactly one command line.
 */
export interface RouteIntent {
  action: 'announce' | 'withdraw';
  /** `2001:db8:30::1/128`, `203.0.113.10/32`; a bare IP means a host route. */
  prefix: string;
  /** `self` (ExaBGP uses the session's local address) or an IP. */
  nextHop: 'self' | string;
  /** MULTI_EXIT_DISC, 0..2^32-1. */
  med?: number;
  localPreference?: number;
  /** `65001:100`, or a well-known name such as `no-export`. */
  communities?: string[];
  /** `65001:1:1`. */
  largeCommunities?: string[];
  /** `target:65001:1`, `origin:65001:2`. */
  extendedCommunities?: string[];
  /** Sent verbatim by ExaBGP (it does not prepend its own AS on eBGP). */
  asPath?: number[];
  /** ADD-PATH path id, an IPv4-formatted number or an integer. */
  pathInformation?: string;
  origin?: 'igp' | 'egp' | 'incomplete';
  /** Restrict to these neighbor addresses; empty or absent means every neighbor. */
  neighbors?: string[];
}

/** Which command vocabulary ExaBGP speaks: 4.x/5.x `neighbor …`, 6.x API v6 `peer …`. */
export type CommandDialect = 'neighbor' | 'peer';
