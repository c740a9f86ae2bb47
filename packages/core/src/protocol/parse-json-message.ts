import { asRecord, definedOnly, numberField, stringField } from './json-fields.js';
import type { AnnouncedRoute, Direction, ExabgpMessage, NeighborRef, WithdrawnRoute } from './messages.js';
import { parseJsonAttributes } from './parse-json-attributes.js';

type Json = Record<string, unknown>;
type Result = { message: ExabgpMessage } | { reason: string };

/** Turns one parsed JSON envelope (it has an `"exabgp"` key) into a typed message. */
export function parseJsonMessage(envelope: Json): Result {
  const type = stringField(envelope, 'type');
  if (type === 'notification' && envelope['notification'] === 'shutdown') {
    const base = definedOnly({ exabgpApiVersion: stringField(envelope, 'exabgp'), time: numberField(envelope, 'time') });
    const pid = numberField(envelope, 'pid');
    const ppid = numberField(envelope, 'ppid');
    return { message: definedOnly({ type: 'shutdown', ...base, pid, ppid }) };
  }
  const body = asRecord(envelope['neighbor']);
  if (!body) return { reason: `a "${type ?? '?'}" message without a neighbor object` };
  const neighbor = parseNeighbor(body);
  if (!neighbor) return { reason: 'the neighbor object has no peer address' };
  const common = commonOf(envelope, neighbor);
  const packet = asRecord(body['message']);
  // `packets` without `parsed`: the type names the BGP message, the body is raw hex.
  if (packet && 'category' in packet && !('update' in packet) && !('eor' in packet)) {
    return {
      message: {
        type: 'raw',
        ...common,
        category: numberField(packet, 'category') ?? -1,
        header: stringField(packet, 'header') ?? '',
        body: stringField(packet, 'body') ?? '',
      },
    };
  }
  switch (type) {
    case 'state': {
      const state = stringField(body, 'state');
      if (state !== 'connected' && state !== 'up' && state !== 'down') return { reason: `unknown state ${state}` };
      return { message: definedOnly({ type: 'state', ...common, state, reason: stringField(body, 'reason') }) };
    }
    case 'keepalive':
      return { message: { type: 'keepalive', ...common } };
    case 'open':
      return parseOpen(common, asRecord(body['open']));
    case 'update':
      return parseUpdate(common, packet);
    case 'notification': {
      const n = asRecord(body['notification']);
      const code = numberField(n, 'code');
      const subcode = numberField(n, 'subcode');
      if (code === undefined || subcode === undefined) return { reason: 'notification without code/subcode' };
      const data = stringField(n, 'data') ?? '';
      return { message: definedOnly({ type: 'notification', ...common, code, subcode, data, message: stringField(n, 'message') }) };
    }
    case 'refresh': {
      const r = asRecord(body['route-refresh']);
      const afi = stringField(r, 'afi');
      const safi = stringField(r, 'safi');
      if (!afi || !safi) return { reason: 'route-refresh without afi/safi' };
      return { message: { type: 'refresh', ...common, afi, safi, subtype: stringField(r, 'subtype') ?? '' } };
    }
    case 'negotiated': {
      const n = asRecord(body['negotiated']);
      const families = Array.isArray(n?.['families']) ? (n['families'] as unknown[]).map(String) : [];
      const asn4 = typeof n?.['asn4'] === 'boolean' ? n['asn4'] : undefined;
      const holdTime = numberField(n, 'hold_time');
      const messageSize = numberField(n, 'message_size');
      return { message: definedOnly({ type: 'negotiated', ...common, holdTime, families, asn4, messageSize }) };
    }
    case 'fsm': {
      const state = stringField(body, 'state');
      return state ? { message: { type: 'fsm', ...common, state } } : { reason: 'fsm without state' };
    }
    case 'signal': {
      const code = numberField(body, 'code');
      const name = stringField(body, 'name');
      if (code === undefined || !name) return { reason: 'signal without code/name' };
      return { message: { type: 'signal', ...common, code, name } };
    }
    case 'operational':
      return { message: { type: 'operational', ...common, data: body['operational'] ?? body } };
    default:
      return { reason: `unsupported message type ${JSON.stringify(type)}` };
  }
}

function parseNeighbor(body: Json): NeighborRef | undefined {
  const address = asRecord(body['address']);
  const asn = asRecord(body['asn']);
  const peer = stringField(address, 'peer') ?? stringField(body, 'ip');
  if (!peer) return undefined;
  const direction = stringField(body, 'direction');
  return definedOnly<NeighborRef>({
    peer,
    local: stringField(address, 'local'),
    peerAs: numberField(asn, 'peer'),
    localAs: numberField(asn, 'local'),
    routerId: stringField(body, 'router-id'),
    direction: direction === 'send' || direction === 'receive' ? (direction as Direction) : undefined,
  });
}

type Common = { neighbor: NeighborRef; exabgpApiVersion?: string; time?: number };

/**
 * The fields every message has, built field by field: a full table is a million updates,
 * and copying through definedOnly and spreads cost more than JSON.parse of the line.
 */
function commonOf(envelope: Json, neighbor: NeighborRef): Common {
  const common: Common = { neighbor };
  const version = stringField(envelope, 'exabgp');
  if (version !== undefined) common.exabgpApiVersion = version;
  const time = numberField(envelope, 'time');
  if (time !== undefined) common.time = time;
  return common;
}

function parseOpen(common: Common, open: Json | undefined): Result {
  if (!open) return { reason: 'open without an open object' };
  const capabilities = Object.entries(asRecord(open['capabilities']) ?? {}).map(
    ([key, value]) => stringField(asRecord(value), 'name') ?? key,
  );
  return {
    message: definedOnly({
      type: 'open',
      ...common,
      version: numberField(open, 'version'),
      asn: numberField(open, 'asn'),
      holdTime: numberField(open, 'hold_time'),
      routerId: stringField(open, 'router_id'),
      capabilities,
    }),
  };
}

function parseUpdate(common: Common, message: Json | undefined): Result {
  const eor = asRecord(message?.['eor']);
  if (eor) return eorMessage(common, eor);
  const update = asRecord(message?.['update']);
  if (!update) return { reason: 'update without an update or eor object' };
  const announce: AnnouncedRoute[] = [];
  for (const [family, byNextHop] of Object.entries(asRecord(update['announce']) ?? {})) {
    for (const [nextHop, nlris] of Object.entries(asRecord(byNextHop) ?? {})) {
      for (const nlri of Array.isArray(nlris) ? nlris : []) {
        // 6.0-dev writes End-of-RIB as an announce under next-hop "null" (repaired upstream).
        const eorInside = asRecord(asRecord(nlri)?.['eor']);
        if (eorInside) return eorMessage(common, eorInside);
        const route = parseNlri(nlri);
        if (!route) continue;
        announce.push(route.pathId === undefined ? { family, nextHop, prefix: route.prefix } : { family, nextHop, prefix: route.prefix, pathId: route.pathId });
      }
    }
  }
  const withdraw: WithdrawnRoute[] = [];
  for (const [family, nlris] of Object.entries(asRecord(update['withdraw']) ?? {})) {
    for (const nlri of Array.isArray(nlris) ? nlris : []) {
      const route = parseNlri(nlri);
      if (!route) continue;
      withdraw.push(route.pathId === undefined ? { family, prefix: route.prefix } : { family, prefix: route.prefix, pathId: route.pathId });
    }
  }
  return { message: { type: 'update', ...common, announce, withdraw, attributes: parseJsonAttributes(update['attribute']) } };
}

/** `{ "nlri": "p", "path-information": "x" }`, or with `exabgp.api.compact` a plain string. */
function parseNlri(nlri: unknown): { prefix: string; pathId?: string } | undefined {
  if (typeof nlri === 'string') return { prefix: nlri };
  const record = asRecord(nlri);
  const prefix = stringField(record, 'nlri');
  return prefix ? { prefix, pathId: stringField(record, 'path-information') } : undefined;
}

function eorMessage(common: Common, eor: Json): Result {
  const afi = stringField(eor, 'afi');
  const safi = stringField(eor, 'safi');
  if (!afi || !safi) return { reason: 'eor without afi/safi' };
  return { message: { type: 'eor', ...common, afi, safi } };
}
