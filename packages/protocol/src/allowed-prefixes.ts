import { ProtocolError } from './protocol-error.js';
import { parseIpPrefix, prefixContains, type IpPrefix } from './ip-prefix.js';

/** One allow-list entry: routes inside `prefix` whose length is within [minLength, maxLength]. */
export interface AllowedPrefix {
  prefix: IpPrefix;
  minLength: number;
  maxLength: number;
  /** As written in the config, for messages. */
  text: string;
}

/**
 * Reads a prefix-list entry as route servers write them: `2001:db8:30::/48 le 128`,
 * `203.0.113.0/24 ge 32 le 32`, `192.0.2.1/32` (that route only). Without `ge`/`le` only
 * the prefix itself matches, as in a Cisco/FRR prefix-list.
 * @throws ProtocolError EXAPLUG_ROUTE_INVALID
 */
export function parseAllowedPrefix(text: string): AllowedPrefix {
  const fail = (why: string): never => {
    throw new ProtocolError('EXAPLUG_ROUTE_INVALID', `${JSON.stringify(text)}: ${why}`);
  };
  const [prefixText = '', ...rest] = text.trim().split(/\s+/);
  const prefix = parseIpPrefix(prefixText);
  const width = prefix.family === 4 ? 32 : 128;
  const bounds: Partial<Record<'ge' | 'le', number>> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const word = rest[i];
    const number = rest[i + 1];
    if ((word !== 'ge' && word !== 'le') || bounds[word] !== undefined || number === undefined || !/^\d{1,3}$/.test(number)) {
      return fail('expected PREFIX [ge N] [le M]');
    }
    bounds[word] = Number(number);
  }
  const minLength = bounds.ge ?? prefix.length;
  const maxLength = bounds.le ?? (bounds.ge !== undefined ? width : prefix.length);
  if (!(prefix.length <= minLength && minLength <= maxLength && maxLength <= width)) {
    return fail(`lengths must satisfy ${prefix.length} <= ge <= le <= ${width}`);
  }
  return { prefix, minLength, maxLength, text: text.trim() };
}

/** True when the route is inside one of the entries (an empty list allows nothing). */
export function isPrefixAllowed(route: IpPrefix, allowed: readonly AllowedPrefix[]): boolean {
  return allowed.some(
    (entry) => route.length >= entry.minLength && route.length <= entry.maxLength && prefixContains(entry.prefix, route),
  );
}
