import { canonicalPrefix } from './canonical.js';
import type { Family, OracleConfig } from './spec.js';

const hosts = (count: number, spell: (n: number) => string) => Array.from({ length: count }, (_, index) => spell(index + 1));

/** Host routes and a few wider prefixes per family, none overlapping: one route, one owner. */
export const ipPool: Record<Family, { hosts: string[]; wide: string[] }> = {
  ipv4: {
    hosts: hosts(60, (n) => `203.0.113.${n}/32`),
    wide: hosts(4, (n) => `192.0.2.${(n - 1) * 16}/28`),
  },
  ipv6: {
    hosts: hosts(60, (n) => `2001:db8:30::${n.toString(16)}/128`),
    wide: hosts(4, (n) => canonicalPrefix(`2001:db8:31:${(n - 1).toString(16)}::/64`)),
  },
};

/** The prefix-list entries that cover the whole pool. */
export const poolAllowedPrefixes = ['203.0.113.0/24 ge 32 le 32', '192.0.2.0/24 le 32', '2001:db8:30::/48 le 128', '2001:db8:31::/48 le 128'];

/** The first `count` pool prefixes of a family that no service of the config owns yet. */
export function freshIps(config: Pick<OracleConfig, 'services'>, family: Family, count: number, wide = false): string[] {
  const owned = new Set(config.services.flatMap((service) => service.ips));
  const pool = wide ? ipPool[family].wide : ipPool[family].hosts;
  return pool.filter((ip) => !owned.has(ip)).slice(0, count);
}
