import { asRecord, definedOnly, numberField, stringField } from './json-fields.js';
import type { Common, JsonMessageResult } from './json-message-types.js';
import type { Direction, NeighborRef } from './messages.js';
import { parseJsonUpdate } from './parse-json-update.js';

type Json = Record<string, unknown>;

/** Turns one parsed JSON envelope (it has an `"exabgp"` key) into a typed message. */
export function parseJsonMessage(envelope: Json): JsonMessageResult {
  const type = stringField(envelope, 'type');
  if (type === 'notification' && envelope['notification'] === 'shutdown') return shutdownMessage(envelope);
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
  // The hot path first: a full table is a million updates.
  if (type === 'update') return parseJsonUpdate(common, packet);
  return parseNeighborEvent(type, common, body);
}

/** Every message about a neighbor but updates and raw packets. */
function parseNeighborEvent(type: string | undefined, common: Common, body: Json): JsonMessageResult {
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
    case 'notification':
      return parseNotification(common, asRecord(body['notification']));
    case 'refresh':
      return parseRefresh(common, asRecord(body['route-refresh']));
    case 'negotiated':
      return parseNegotiated(common, asRecord(body['negotiated']));
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

function shutdownMessage(envelope: Json): JsonMessageResult {
  const base = definedOnly({ exabgpApiVersion: stringField(envelope, 'exabgp'), time: numberField(envelope, 'time') });
  const pid = numberField(envelope, 'pid');
  const ppid = numberField(envelope, 'ppid');
  return { message: definedOnly({ type: 'shutdown', ...base, pid, ppid }) };
}

/** Built field by field, in NeighborRef's order: every message has one. */
function parseNeighbor(body: Json): NeighborRef | undefined {
  const address = asRecord(body['address']);
  const peer = stringField(address, 'peer') ?? stringField(body, 'ip');
  if (!peer) return undefined;
  const neighbor: NeighborRef = { peer };
  const local = stringField(address, 'local');
  if (local !== undefined) neighbor.local = local;
  const asn = asRecord(body['asn']);
  const peerAs = numberField(asn, 'peer');
  if (peerAs !== undefined) neighbor.peerAs = peerAs;
  const localAs = numberField(asn, 'local');
  if (localAs !== undefined) neighbor.localAs = localAs;
  const routerId = stringField(body, 'router-id');
  if (routerId !== undefined) neighbor.routerId = routerId;
  const direction = body['direction'];
  if (direction === 'send' || direction === 'receive') neighbor.direction = direction as Direction;
  return neighbor;
}

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

function parseOpen(common: Common, open: Json | undefined): JsonMessageResult {
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

function parseNotification(common: Common, n: Json | undefined): JsonMessageResult {
  const code = numberField(n, 'code');
  const subcode = numberField(n, 'subcode');
  if (code === undefined || subcode === undefined) return { reason: 'notification without code/subcode' };
  const data = stringField(n, 'data') ?? '';
  return { message: definedOnly({ type: 'notification', ...common, code, subcode, data, message: stringField(n, 'message') }) };
}

function parseRefresh(common: Common, r: Json | undefined): JsonMessageResult {
  const afi = stringField(r, 'afi');
  const safi = stringField(r, 'safi');
  if (!afi || !safi) return { reason: 'route-refresh without afi/safi' };
  return { message: { type: 'refresh', ...common, afi, safi, subtype: stringField(r, 'subtype') ?? '' } };
}

function parseNegotiated(common: Common, n: Json | undefined): JsonMessageResult {
  const families = Array.isArray(n?.['families']) ? (n['families'] as unknown[]).map(String) : [];
  const asn4 = typeof n?.['asn4'] === 'boolean' ? n['asn4'] : undefined;
  const holdTime = numberField(n, 'hold_time');
  const messageSize = numberField(n, 'message_size');
  return { message: definedOnly({ type: 'negotiated', ...common, holdTime, families, asn4, messageSize }) };
}
