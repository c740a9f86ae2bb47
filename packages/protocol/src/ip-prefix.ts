import { isIP } from './ip-address.js';
import { ProtocolError } from './protocol-error.js';

/** An IP prefix as a number range: what routes are compared, keyed and filtered by. */
export interface IpPrefix {
  family: 4 | 6;
  /** The network address; host bits are zero. */
  network: bigint;
  length: number;
  /** The one spelling exaplug uses: `192.0.2.1/32`, `2001:db8:30::1/128` (RFC 5952). */
  text: string;
}

const widthOf = (family: 4 | 6) => (family === 4 ? 32 : 128);
const DECIMAL_LENGTH = /^(0|[1-9]\d{0,2})$/;

/**
 * Reads `192.0.2.1`, `192.0.2.0/24`, `2001:DB8:30:0::1/128`. A bare address is a host
 * route. Refused: host bits beyond the length (`203.0.113.5/24`: ExaBGP would send the
 * masked network while exaplug tracked the unmasked one), IPv6 zone IDs (`fe80::1%eth0`:
 * Node's isIP accepts them, ExaBGP 4.2 answers no ack and every later ack is misattributed),
 * anything that is not an address.
 * @throws ProtocolError EXAPLUG_ROUTE_INVALID
 */
export function parseIpPrefix(value: string): IpPrefix {
  const parsed = readIpPrefix(value);
  if (typeof parsed === 'string') throw new ProtocolError('EXAPLUG_ROUTE_INVALID', `${JSON.stringify(value)}: ${parsed}`);
  return parsed;
}

/**
 * The same few prefixes are read again at every transition, every command written and
 * every update received; parsing one (BigInt arithmetic) was a quarter of `validate` with
 * 1000 services. Results are kept by spelling, frozen, and forgotten all at once past this many.
 */
const rememberedPrefixes = 20_000;
const readPrefixes = new Map<string, IpPrefix | string>();

/** The prefix, or why it is refused (`length must be 0..32`). Never throws. */
export function readIpPrefix(value: unknown): IpPrefix | string {
  if (typeof value !== 'string') return 'must be an IP address with an optional /length';
  let known = readPrefixes.get(value);
  if (known === undefined) {
    if (readPrefixes.size >= rememberedPrefixes) readPrefixes.clear();
    known = readNewIpPrefix(value);
    readPrefixes.set(value, typeof known === 'string' ? known : Object.freeze(known));
  }
  return known;
}

function readNewIpPrefix(value: string): IpPrefix | string {
  if (value.includes('%')) return 'must not carry a zone ID (%…): ExaBGP cannot announce a link-local scope';
  const [address = '', lengthText, ...extra] = value.split('/');
  const family = isIP(address);
  if ((family !== 4 && family !== 6) || extra.length > 0) return 'must be an IP address with an optional /length';
  const width = widthOf(family);
  if (lengthText !== undefined && !(DECIMAL_LENGTH.test(lengthText) && Number(lengthText) <= width)) {
    return `length must be 0..${width}`;
  }
  const length = lengthText === undefined ? width : Number(lengthText);
  const bits = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  if ((bits & hostMask(family, length)) !== 0n) return `has host bits set beyond /${length}`;
  return { family, network: bits, length, text: `${formatAddress(family, bits)}/${length}` };
}

/** The canonical spelling of a prefix, or the error that refuses it. */
export function canonicalPrefix(value: string): string {
  return parseIpPrefix(value).text;
}

/** True when `inner` lies inside `outer` (equal counts). */
export function prefixContains(outer: IpPrefix, inner: IpPrefix): boolean {
  if (outer.family !== inner.family || inner.length < outer.length) return false;
  return (inner.network & ~hostMask(outer.family, outer.length)) === outer.network;
}

/** True when two prefixes share at least one address. */
export function prefixesOverlap(a: IpPrefix, b: IpPrefix): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}

/** The address family of an IP address (no length), or 0. Zone IDs are not addresses here. */
export function addressFamily(address: string): 0 | 4 | 6 {
  if (typeof address !== 'string' || address.includes('%')) return 0;
  return isIP(address) as 0 | 4 | 6;
}

function hostMask(family: 4 | 6, length: number): bigint {
  return (1n << BigInt(widthOf(family) - length)) - 1n;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1] as string);
    text = `${text.slice(0, -(v4[1] as string).length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups (the first on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The unicast family of a prefix (or bare address) as ExaBGP names it: `ipv4 unicast` or `ipv6 unicast`. */
export function unicastFamilyOf(prefix: string): 'ipv4 unicast' | 'ipv6 unicast' {
  return isIP(prefix.split('/')[0] ?? '') === 6 ? 'ipv6 unicast' : 'ipv4 unicast';
}
