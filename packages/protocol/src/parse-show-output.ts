import { isIP } from './ip-address.js';
import { parseAdjRibRow } from './parse-adj-rib-row.js';

/** A row of `show neighbor summary` or `show adj-rib in`, the answers exaplug asks for at start. */
export type ShowRow =
  | { kind: 'summary'; peer: string; asn: number; state: string }
  | { kind: 'rib'; peer: string; family: string; prefix: string; nextHop: string };

/**
 * Reads one output line of those commands. 4.2 prints adj-rib rows as
 * `neighbor 127.0.0.1 ipv4 unicast 198.51.100.0/24 next-hop 127.0.0.1`, 5.0 without the
 * leading `neighbor`; summary rows are `127.0.0.1  65002  0:00:05 established  6  4`.
 * Anything else (headers, other output) is undefined.
 */
export function parseShowOutput(text: string): ShowRow | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0] === 'neighbor') words.shift();
  const [peer = '', second = '', , fourth = ''] = words;
  if (isIP(peer) === 0) return undefined;
  if (/^\d+$/.test(second) && words.length >= 4) {
    return { kind: 'summary', peer, asn: Number(second), state: fourth };
  }
  const row = parseAdjRibRow(text);
  return row && { kind: 'rib', peer: row.peer, family: row.family, prefix: row.prefix, nextHop: row.nextHop };
}
