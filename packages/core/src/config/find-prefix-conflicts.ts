import { isPrefixAllowed, parseIpPrefix, type AllowedPrefix, type IpPrefix } from '@exaplug/protocol';

/** A problem with one service IP, placed where it is written in the config. */
export interface PrefixConflict {
  path: (string | number)[];
  message: string;
}

interface Placed {
  service: string;
  index: number;
  prefix: IpPrefix;
  last: bigint;
}

/**
 * Every service IP that is outside the allow-list, or that overlaps another service IP
 * (the same route twice, `192.0.2.1` beside `192.0.2.1/32`, or a host route inside
 * another service's prefix). Prefixes are expected canonical. Sorting by start address
 * makes the overlap scan n·log n, so a thousand services cost nothing.
 */
export function findPrefixConflicts(
  services: readonly { name: string; ips: readonly string[] }[],
  allowed?: readonly AllowedPrefix[],
): PrefixConflict[] {
  const conflicts: PrefixConflict[] = [];
  const placed: Placed[] = [];
  for (const { name, ips } of services) {
    ips.forEach((ip, index) => {
      const prefix = parseIpPrefix(ip);
      const width = prefix.family === 4 ? 32 : 128;
      const last = prefix.network + (1n << BigInt(width - prefix.length)) - 1n;
      placed.push({ service: name, index, prefix, last });
      if (allowed && !isPrefixAllowed(prefix, allowed)) {
        conflicts.push({ path: ['services', name, 'ips', index], message: `${prefix.text} is outside allowedPrefixes` });
      }
    });
  }
  placed.sort((a, b) => a.prefix.family - b.prefix.family || compare(a.prefix.network, b.prefix.network) || a.prefix.length - b.prefix.length);
  let widest: Placed | undefined;
  for (const entry of placed) {
    if (widest && widest.prefix.family === entry.prefix.family && entry.prefix.network <= widest.last) {
      const same = widest.prefix.text === entry.prefix.text;
      conflicts.push({
        path: ['services', entry.service, 'ips', entry.index],
        message: `${entry.prefix.text} ${same ? 'is also' : 'overlaps'} ${widest.prefix.text} of services.${widest.service}.ips.${widest.index}: one route, one owner`,
      });
    }
    if (!widest || widest.prefix.family !== entry.prefix.family || entry.last > widest.last) widest = entry;
  }
  return conflicts;
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
