import { isIPv4 } from './ip-address.js';
import { isPrefixAllowed, type AllowedPrefix } from './allowed-prefixes.js';
import type { RouteIntent } from './route-intent.js';
import { ProtocolError } from './protocol-error.js';
import { addressFamily, readIpPrefix, type IpPrefix } from './ip-prefix.js';
import { wellKnownCommunities } from './well-known-communities.js';

const U16 = 0xffff;
const U32 = 0xffffffff;
const DECIMAL = /^(0|[1-9]\d{0,9})$/;

/**
 * Rejects, before anything is written, a route ExaBGP would refuse, misread or silently
 * alter: 4.2 gives no ack at all for a bad IP or MED > 2^32-1, and wraps community values
 * above 65535. A prefix with host bits set (`203.0.113.5/24`) is refused too: ExaBGP would
 * send the masked network while exaplug tracks the unmasked string. A next hop of the other
 * address family is refused: BIRD drops such a route ("mismatched address family") and
 * nothing would tell exaplug. With `allowed`, a route outside the allow-list is refused.
 * The one validator: the config loader, `validate`, `plan` and the writer all call it.
 * @throws ProtocolError EXAPLUG_ROUTE_INVALID
 */
export function validateRouteIntent(intent: RouteIntent, options: { allowed?: readonly AllowedPrefix[] } = {}): void {
  const fail = (what: string): never => {
    throw new ProtocolError('EXAPLUG_ROUTE_INVALID', `route ${JSON.stringify(intent?.prefix)}: ${what}`);
  };
  if (typeof intent !== 'object' || intent === null) fail('is not an object');
  for (const [key, value] of Object.entries(intent)) {
    const strings = Array.isArray(value) ? value : [value];
    // A newline would end the command and start a second one on ExaBGP's side; Python also
    // splits lines on \x85 and U+2028, so anything outside printable ASCII is refused.
    if (strings.some((s) => typeof s === 'string' && hasUnprintable(s))) fail(`${key} contains a control or non-ASCII character`);
  }
  if (intent.action !== 'announce' && intent.action !== 'withdraw') fail(`action must be announce or withdraw, got ${JSON.stringify(intent.action)}`);
  const prefix = readPrefix(intent.prefix, fail);
  if (intent.nextHop !== 'self') {
    const family = addressFamily(intent.nextHop);
    if (family === 0) fail(`nextHop must be "self" or an IP address, got ${JSON.stringify(intent.nextHop)}`);
    if (family !== prefix.family) {
      fail(`nextHop ${intent.nextHop} is IPv${family} but the route is IPv${prefix.family} (routers drop such routes; set nextHop per family: { ipv4: …, ipv6: … })`);
    }
  }
  if (options.allowed && !isPrefixAllowed(prefix, options.allowed)) {
    throw new ProtocolError('EXAPLUG_ROUTE_NOT_ALLOWED', `route ${prefix.text} is outside allowedPrefixes`);
  }
  if (intent.med !== undefined && !isUint(intent.med, U32)) fail(`med must be an integer 0..${U32}, got ${JSON.stringify(intent.med)}`);
  if (intent.localPreference !== undefined && !isUint(intent.localPreference, U32)) {
    fail(`localPreference must be an integer 0..${U32}, got ${JSON.stringify(intent.localPreference)}`);
  }
  if (intent.origin !== undefined && !['igp', 'egp', 'incomplete'].includes(intent.origin)) {
    fail(`origin must be igp, egp or incomplete, got ${JSON.stringify(intent.origin)}`);
  }
  checkList(intent.communities, 'communities', isCommunity, 'ASN:VALUE (each 0..65535) or a well-known name', fail);
  checkList(intent.largeCommunities, 'largeCommunities', isLargeCommunity, 'A:B:C (each 0..4294967295)', fail);
  checkList(intent.extendedCommunities, 'extendedCommunities', isExtendedCommunity, 'target|origin:ASN:N or target|origin:IPv4:N', fail);
  checkList(intent.asPath, 'asPath', (asn) => isUint(asn, U32), 'AS numbers 0..4294967295', fail);
  checkList(intent.neighbors, 'neighbors', (ip) => typeof ip === 'string' && addressFamily(ip) !== 0, 'IP addresses (no zone IDs)', fail);
  if (intent.pathInformation !== undefined) {
    const id = intent.pathInformation;
    if (typeof id !== 'string' || !(isIPv4(id) || isDecimal(id, U32))) {
      fail(`pathInformation must be an IPv4-formatted id or an integer 0..${U32}, got ${JSON.stringify(id)}`);
    }
  }
}

function readPrefix(prefix: unknown, fail: (what: string) => never): IpPrefix {
  const parsed = readIpPrefix(prefix);
  return typeof parsed === 'string' ? fail(`prefix ${parsed}`) : parsed;
}

function checkList(
  list: readonly unknown[] | undefined,
  name: string,
  isValid: (item: unknown) => boolean,
  expected: string,
  fail: (what: string) => never,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return fail(`${name} must be a list`);
  const bad = list.find((item) => !isValid(item));
  if (bad !== undefined || list.some((item) => item === undefined)) fail(`${name} must hold ${expected}, got ${JSON.stringify(bad)}`);
}

function hasUnprintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return true;
  }
  return false;
}

function isUint(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isDecimal(text: string, max: number): boolean {
  return DECIMAL.test(text) && Number(text) <= max;
}

function isCommunity(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value in wellKnownCommunities) return true;
  const parts = value.split(':');
  return parts.length === 2 && parts.every((p) => isDecimal(p, U16));
}

function isLargeCommunity(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split(':');
  return parts.length === 3 && parts.every((p) => isDecimal(p, U32));
}

/** RFC 4360 two-octet-AS (N u32), four-octet-AS (N u16) and IPv4 (N u16) route targets/origins. */
function isExtendedCommunity(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(target|origin):([^:]+):([^:]+)$/.exec(value);
  if (!match) return false;
  const [, , global = '', local = ''] = match;
  if (isIPv4(global)) return isDecimal(local, U16);
  if (isDecimal(global, U16)) return isDecimal(local, U32);
  return isDecimal(global, U32) && isDecimal(local, U16);
}
