import { isIP } from './ip-address.js';

/** One route of `show adj-rib out [extensive]`: what ExaBGP holds to send to one neighbor. */
export interface AdjRibRow {
  peer: string;
  /** `ipv4 unicast`, `ipv6 unicast`, … as ExaBGP files the route (not always the prefix's own family). */
  family: string;
  prefix: string;
  /** `self` (4.2) or the address (5.0). */
  nextHop: string;
  /** Only in the extensive form. */
  med?: number;
  /** Standard communities as `A:B`, only in the extensive form; absent when the route has none. */
  communities?: string[];
}

/** Selector words the extensive form puts between the peer and the family, each with a value. */
const selectorKeys = new Set(['local-ip', 'local-as', 'peer-as', 'router-id', 'family-allowed']);

/**
 * Reads one row of `show adj-rib out` or `show adj-rib out extensive`:
 * 4.2 `neighbor 127.0.0.1 ipv4 unicast 203.0.113.9/32 next-hop self`, 5.0 the same without
 * `neighbor`, and the extensive form `neighbor 127.0.0.1 local-ip 127.0.0.2 … family-allowed
 * in-open ipv4 unicast 203.0.113.9/32 next-hop self med 5 community [ 65001:1 65535:0 ]`
 * (a single community comes without brackets). Undefined for any other line.
 */
export function parseAdjRibRow(text: string): AdjRibRow | undefined {
  const words = text.trim().split(/\s+/);
  let at = words[0] === 'neighbor' ? 1 : 0;
  const peer = words[at++] ?? '';
  if (isIP(peer) === 0) return undefined;
  while (selectorKeys.has(words[at] ?? '')) at += 2;
  const [afi = '', safi = '', prefix = ''] = words.slice(at, at + 3);
  if (!/^ipv[46]$/.test(afi) || !safi || !prefix.includes('/')) return undefined;
  const attributes = readAttributes(words.slice(at + 3));
  const nextHop = attributes.get('next-hop')?.[0];
  if (nextHop === undefined) return undefined;
  const row: AdjRibRow = { peer, family: `${afi} ${safi}`, prefix, nextHop };
  const med = attributes.get('med')?.[0];
  if (med !== undefined && /^\d+$/.test(med)) row.med = Number(med);
  const communities = attributes.get('community');
  if (communities) row.communities = communities;
  return row;
}

/** `key value` and `key [ v1 v2 ]` / `key ( v1 v2 )` pairs, in order. */
function readAttributes(words: readonly string[]): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (let at = 0; at < words.length; ) {
    const key = words[at++] as string;
    const opener = words[at];
    if (opener === '[' || opener === '(') {
      const closer = opener === '[' ? ']' : ')';
      const end = words.indexOf(closer, at + 1);
      const stop = end === -1 ? words.length : end;
      attributes.set(key, words.slice(at + 1, stop));
      at = stop + 1;
    } else {
      attributes.set(key, opener === undefined ? [] : [opener.replace(/^\[|\]$/g, '')]);
      at += 1;
    }
  }
  return attributes;
}
