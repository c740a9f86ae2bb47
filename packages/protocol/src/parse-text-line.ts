import type { Direction, ExabgpMessage, NeighborRef, ParsedLine } from './messages.js';
import { parseTextRouteTail } from './parse-text-attributes.js';

/**
 * A text line is read up to this many words. One UPDATE of an extended message (65,535
 * bytes) prints fewer; the bound keeps a garbage megabyte from costing 500k strings.
 */
const maxWords = 65_536;

/** Words after `neighbor <ip> <direction>` that start a BGP message. */
const messageWords = new Set(['open', 'keepalive', 'update', 'notification', 'route-refresh', 'refresh', 'operational']);

/**
 * One line of the text encoder (or a non-JSON line of the JSON encoder: acks and command
 * output). Lines that do not start with `neighbor <ip> <event>` or `shutdown <pid> <ppid>`
 * are command output: ExaBGP writes those free-form.
 */
export function parseTextLine(line: string): ParsedLine {
  if (line === 'done' || line === 'error') return { kind: 'ack', ack: line };
  // 6.x: the reason of the `error` ack that comes on the next line.
  if (line.startsWith('error: ')) return { kind: 'output', text: line, errorReason: line.slice('error: '.length) };
  const shutdown = /^shutdown (\d+) (\d+)$/.exec(line);
  if (shutdown) return message({ type: 'shutdown', pid: Number(shutdown[1]), ppid: Number(shutdown[2]) });
  // `consolidate`: the raw bytes of the message on the line before, indented by one space.
  if (/^ header 0x[0-9A-Fa-f]*( body 0x[0-9A-Fa-f]*)?$/.test(line)) {
    return { kind: 'unknown', line, reason: 'consolidate packet line (header/body of the previous message)' };
  }
  const words = line.split(' ', maxWords).filter((w) => w !== '');
  if (words[0] !== 'neighbor' || words.length < 3) return { kind: 'output', text: line };
  const peer = words[1] as string;
  const event = words[2] as string;
  if (event === 'connected' || event === 'up') return message({ type: 'state', neighbor: { peer }, state: event });
  if (event === 'down') {
    const dash = line.indexOf(' down - ');
    const reason = dash === -1 ? undefined : line.slice(dash + ' down - '.length);
    return message({ type: 'state', neighbor: { peer }, state: 'down', ...(reason === undefined ? {} : { reason }) });
  }
  if (event !== 'send' && event !== 'receive') return { kind: 'output', text: line };
  const what = words[3];
  if (what === undefined || (!messageWords.has(what) && !/^\d+$/.test(what))) {
    return { kind: 'unknown', line, reason: `unknown ${event} message ${JSON.stringify(what ?? '')}` };
  }
  const parsed = parseBgpMessage({ peer, direction: event }, what, words.slice(4));
  return typeof parsed === 'string' ? { kind: 'unknown', line, reason: parsed } : message(parsed);
}

function message(value: ExabgpMessage): ParsedLine {
  return { kind: 'message', message: value };
}

/** Returns the message, or the reason it could not be read. */
function parseBgpMessage(neighbor: NeighborRef & { direction: Direction }, what: string, rest: string[]): ExabgpMessage | string {
  if (/^\d+$/.test(what)) {
    // `packets`: `receive <category> header 0x… [body 0x…]`.
    const header = valueAfter(rest, 'header');
    if (header === undefined) return 'packet line without header';
    return { type: 'raw', neighbor, category: Number(what), header, body: valueAfter(rest, 'body') ?? '0x' };
  }
  switch (what) {
    case 'keepalive':
      return { type: 'keepalive', neighbor };
    case 'open':
      return parseOpen(neighbor, rest);
    case 'update':
      return parseUpdate(neighbor, rest);
    case 'notification': {
      const code = Number(valueAfter(rest, 'code'));
      const subcode = Number(valueAfter(rest, 'subcode'));
      if (!Number.isInteger(code) || !Number.isInteger(subcode)) return 'notification without code/subcode';
      return { type: 'notification', neighbor, code, subcode, data: valueAfter(rest, 'data') ?? '0x' };
    }
    case 'route-refresh':
    case 'refresh': {
      const afi = valueAfter(rest, 'afi');
      const safi = valueAfter(rest, 'safi');
      if (!afi || !safi) return 'route-refresh without afi/safi';
      return { type: 'refresh', neighbor, afi, safi, subtype: rest[4] ?? '' };
    }
    default:
      return { type: 'operational', neighbor, data: rest.join(' ') };
  }
}

function parseOpen(neighbor: NeighborRef, rest: string[]): ExabgpMessage {
  const capabilities = bracketedAfter(rest.join(' '), 'capabilities [');
  const number = (key: string): number | undefined => {
    const value = valueAfter(rest, key);
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const open: ExabgpMessage = {
    type: 'open',
    neighbor,
    capabilities: capabilities ? capabilities.split(',').map((c) => c.trim()).filter((c) => c !== '') : [],
  };
  const version = number('version');
  const asn = number('asn');
  const holdTime = number('hold_time');
  const routerId = valueAfter(rest, 'router_id');
  if (version !== undefined) open.version = version;
  if (asn !== undefined) open.asn = asn;
  if (holdTime !== undefined) open.holdTime = holdTime;
  if (routerId !== undefined) open.routerId = routerId;
  return open;
}

function parseUpdate(neighbor: NeighborRef, rest: string[]): ExabgpMessage | string {
  const [kind, ...tail] = rest;
  if ((kind === 'start' || kind === 'end') && tail.length === 0) return { type: 'update-frame', neighbor, phase: kind };
  if (kind === 'route' && tail[0] === 'eor') {
    // `route eor 1/1 (ipv4 unicast)`
    const family = eorFamily(tail);
    if (!family) return 'eor without a family';
    return { type: 'eor', neighbor, ...family };
  }
  const prefix = tail[0];
  if (prefix === undefined) return `update ${kind ?? ''} without a prefix`;
  const family = prefix.includes(':') ? 'ipv6 unicast' : 'ipv4 unicast';
  const { nextHop, pathId, attributes } = parseTextRouteTail(tail.slice(1));
  const id = pathId === undefined ? {} : { pathId };
  if (kind === 'withdrawn') {
    return { type: 'update', neighbor, announce: [], withdraw: [{ family, prefix, ...id }], attributes };
  }
  if (kind === 'announced') {
    if (nextHop === undefined) return 'announced route without next-hop';
    return { type: 'update', neighbor, announce: [{ family, nextHop, prefix, ...id }], withdraw: [], attributes };
  }
  return `unknown update line ${JSON.stringify(kind ?? '')}`;
}

function valueAfter(words: string[], key: string): string | undefined {
  const index = words.indexOf(key);
  return index === -1 ? undefined : words[index + 1];
}

/**
 * What sits between `opener` and the last `]`. indexOf, not `/capabilities \[(.*)\]/`: a
 * peer chooses what its OPEN holds, and that regex backtracks quadratically on a long one.
 */
function bracketedAfter(text: string, opener: string): string | undefined {
  const start = text.indexOf(opener);
  if (start === -1) return undefined;
  const end = text.lastIndexOf(']');
  return end < start + opener.length ? undefined : text.slice(start + opener.length, end);
}

/** `(ipv4 unicast)` as two words, found word by word (the regex it replaces was quadratic). */
function eorFamily(words: string[]): { afi: string; safi: string } | undefined {
  for (let i = 0; i + 1 < words.length; i++) {
    const afi = words[i] as string;
    const safi = words[i + 1] as string;
    if (afi.length > 1 && afi.startsWith('(') && !afi.includes(')') && safi.length > 1 && safi.endsWith(')') && !safi.includes('(')) {
      return { afi: afi.slice(1), safi: safi.slice(0, -1) };
    }
  }
  return undefined;
}
