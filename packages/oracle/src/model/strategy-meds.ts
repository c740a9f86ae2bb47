import { createHash } from 'node:crypto';
import type { AnnouncedState, StrategySpec } from './spec.js';

/**
 * The MED each IP gets in a state, or undefined where the strategy withdraws; written from
 * docs/metric-strategies.md, not from the strategies' code.
 */
export function medsFor(strategy: StrategySpec, ips: readonly string[], state: AnnouncedState): Map<string, number | undefined> {
  const meds = new Map<string, number | undefined>();
  const withdraws = (strategy.withdrawOn as string[]).includes(state);
  const base = strategy.metrics[state];
  ips.forEach((ip, index) => meds.set(ip, withdraws ? undefined : base + strategy.increase * rankOf(strategy, ips, ip, index)));
  return meds;
}

/** The IP's place in its strategy's order: 0 is the best MED this node gives. */
function rankOf(strategy: StrategySpec, ips: readonly string[], ip: string, index: number): number {
  switch (strategy.use) {
    case 'fixed': {
      // "The first IP (after rotating the list left by startIp) gets metrics[state]".
      const shift = strategy.startIp % ips.length;
      return (index - shift + ips.length) % ips.length;
    }
    case 'rotate': {
      const { node, nodes } = strategy;
      return (((nodes - 1 - node - index) % nodes) + nodes) % nodes;
    }
    case 'rendezvous':
      return rendezvousRanking(strategy.members, ip).indexOf(strategy.self);
  }
}

/**
 * Highest random weight first, the weight being sha256(`member|ip`). The docs do not say
 * how a digest becomes a weight; comparing whole digests orders them as any prefix of
 * them does, ties aside. `ip` is the canonical prefix, length included.
 */
export function rendezvousRanking(members: readonly string[], ip: string): string[] {
  const weight = (member: string) => createHash('sha256').update(`${member}|${ip}`).digest('hex');
  return [...members].sort((a, b) => (weight(a) < weight(b) ? 1 : weight(a) > weight(b) ? -1 : a < b ? -1 : 1));
}
