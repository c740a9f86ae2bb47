import { describe, expect, it } from 'vitest';
import type { ExabgpMessage, ParsedLine } from './messages.js';
import { parseExabgpLine } from './parse-exabgp-line.js';
import { readFixture } from '../test/fixtures.js';


/** Line `index` (0-based, empty lines skipped) of a fixture file. */
function fixtureLine(path: string, index = 0): string {
  const lines = readFixture(path).split('\n').filter((l) => l !== '');
  const line = lines[index];
  if (line === undefined) throw new Error(`${path} has no line ${index}`);
  return line;
}

function messageOf(parsed: ParsedLine): ExabgpMessage {
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

const v4 = { peer: '127.0.0.1', local: '127.0.0.2', peerAs: 65002, localAs: 65001 };

describe('parseExabgpLine on JSON', () => {
  it('reads a 4.2 state up with its envelope', () => {
    expect(parseExabgpLine(fixtureLine('exabgp-4.2/json/state-up.jsonl'))).toEqual({
      kind: 'message',
      message: { type: 'state', state: 'up', neighbor: v4, exabgpApiVersion: '4.0.1', time: 1795612486.0531945 },
    });
  });

  it('adds the router-id 5.0 puts in the neighbor object', () => {
    const message = messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/json/state-up.jsonl')));
    expect(message).toMatchObject({ type: 'state', exabgpApiVersion: '5.0.0', neighbor: { ...v4, routerId: '127.0.0.2' } });
  });

  it('repairs the raw 0x17 byte inside a 4.2 down reason and keeps it in the text', () => {
    const line = fixtureLine('exabgp-4.2/json/state-down.invalid-json-control-char.txt');
    expect(() => JSON.parse(line)).toThrow();
    expect(messageOf(parseExabgpLine(line))).toMatchObject({
      type: 'state',
      state: 'down',
      reason: 'peer reset, message (notification sent (6,2)) error(Cease / Administrative Shutdown / \u0017Administrative Shutdown)',
    });
  });

  it('repairs the doubled quotes of the 4.2 route-refresh message', () => {
    const line = fixtureLine('exabgp-4.2/json/refresh-receive.invalid-json.txt');
    expect(line).toContain('""ipv4""');
    expect(messageOf(parseExabgpLine(line))).toEqual({
      type: 'refresh',
      neighbor: { ...v4, direction: 'receive' },
      afi: 'ipv4',
      safi: 'unicast',
      subtype: 'query',
      exabgpApiVersion: '4.0.1',
      time: 1795612509.8347075,
    });
  });

  it('gives [65002] for both the 4.2 as-path list and the 5.0 segment object', () => {
    const old = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/update-receive-announce-ipv4.jsonl', 1)));
    const now = messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/json/update-receive-announce-ipv4.jsonl', 1)));
    expect(old.type === 'update' && old.attributes.asPath).toEqual([65002]);
    expect(now.type === 'update' && now.attributes.asPath).toEqual([65002]);
  });

  it('reads every attribute of a received update', () => {
    const message = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/update-receive-announce-ipv4.jsonl')));
    expect(message).toMatchObject({
      type: 'update',
      neighbor: { ...v4, direction: 'receive' },
      announce: [{ family: 'ipv4 unicast', nextHop: '127.0.0.1', prefix: '198.51.100.0/24' }],
      withdraw: [],
      attributes: {
        origin: 'igp',
        asPath: [65002],
        med: 10,
        communities: ['65002:100', '65002:200'],
        extendedCommunities: ['target:65002:7'],
        largeCommunities: ['65002:1:2'],
      },
    });
  });

  it('reads local-preference and the missing as-path of an iBGP update', () => {
    const message = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-ibgp/update-send-announce-ipv4.jsonl')));
    expect(message.type === 'update' && message.attributes).toEqual({ origin: 'igp', med: 100, localPreference: 250, communities: ['65002:1'] });
  });

  it('reads withdrawals, with a family per prefix', () => {
    const message = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/update-receive-withdraw-ipv6.jsonl')));
    expect(message).toMatchObject({
      type: 'update',
      announce: [],
      withdraw: [
        { family: 'ipv6 unicast', prefix: '2001:db8:100::/48' },
        { family: 'ipv6 unicast', prefix: '2001:db8:200::/64' },
      ],
    });
  });

  it('reads compact NLRI written as plain strings', () => {
    const announce = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-compact/update-send-announce-ipv4.jsonl')));
    const withdraw = messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-compact/update-send-withdraw-ipv4.jsonl')));
    expect(announce).toMatchObject({ announce: [{ family: 'ipv4 unicast', nextHop: '127.0.0.2', prefix: '203.0.113.10/32' }] });
    expect(withdraw).toMatchObject({ withdraw: [{ family: 'ipv4 unicast', prefix: '203.0.113.10/32' }] });
  });

  it('reads an ADD-PATH path id', () => {
    const line =
      '{ "exabgp": "5.0.0", "type": "update", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "direction": "send", "message": { "update": { "announce": { "ipv4 unicast": { "127.0.0.2": [ { "nlri": "203.0.113.9/32", "path-information": "0.0.0.7" } ] } } } } } }';
    expect(messageOf(parseExabgpLine(line))).toMatchObject({
      announce: [{ family: 'ipv4 unicast', nextHop: '127.0.0.2', prefix: '203.0.113.9/32', pathId: '0.0.0.7' }],
    });
  });

  it('turns an End-of-RIB into an eor message, also the invalid 6.0-dev form', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/update-receive-eor-ipv6.jsonl')))).toMatchObject({
      type: 'eor',
      afi: 'ipv6',
      safi: 'unicast',
      neighbor: { peer: '::1', direction: 'receive' },
    });
    const dev = fixtureLine('exabgp-6.0-dev/json/update-receive-eor-ipv4.invalid-json.txt');
    expect(() => JSON.parse(dev)).toThrow();
    expect(messageOf(parseExabgpLine(dev))).toMatchObject({ type: 'eor', afi: 'ipv4', safi: 'unicast', exabgpApiVersion: '6.0.0' });
  });

  it('reads notifications with their direction, and the decoded text of 5.0', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/notification-send-6-2.jsonl')))).toMatchObject({
      type: 'notification',
      neighbor: { direction: 'send' },
      code: 6,
      subcode: 2,
      data: '0x1741646D696E6973747261746976652053687574646F776E',
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/json/notification-receive-6-2.jsonl', 1)))).toMatchObject({
      neighbor: { direction: 'receive' },
      code: 6,
      subcode: 2,
      message: 'Shutdown Communication: "maintenance window"',
    });
  });

  it('reads the shutdown notification, which has no neighbor', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/notification-shutdown.jsonl')))).toEqual({
      type: 'shutdown',
      exabgpApiVersion: '4.0.1',
      time: 1795612527.3897643,
      pid: 20587,
      ppid: 20558,
    });
  });

  it('reads open, negotiated, fsm and signal messages', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/open-receive.jsonl')))).toMatchObject({
      type: 'open',
      version: 4,
      asn: 65002,
      holdTime: 9,
      routerId: '127.0.0.1',
      capabilities: ['multiprotocol', 'route-refresh', 'graceful restart', 'asn4', 'enhanced-route-refresh', 'unknown'],
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/json/extras-negotiated-fsm-signal/negotiated.jsonl')))).toMatchObject({
      type: 'negotiated',
      holdTime: 9,
      families: ['ipv4 unicast'],
      asn4: true,
      messageSize: 4096,
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-negotiated-fsm-signal/fsm.jsonl')))).toMatchObject({
      type: 'fsm',
      state: 'ACTIVE',
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-negotiated-fsm-signal/signal.jsonl')))).toMatchObject({
      type: 'signal',
      code: 10,
      name: 'SIGUSR1',
    });
  });

  it('reads a packets-only message as raw', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/json/extras-packets/keepalive-receive-packets.jsonl')))).toMatchObject({
      type: 'raw',
      category: 4,
      header: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304',
      body: '0x',
    });
  });

  it('treats JSON without the "exabgp" envelope as command output', () => {
    const line = '{"127.0.0.1": {"routes": [{"prefix": "203.0.113.21/32", "family": "ipv4 unicast"}]}}';
    expect(parseExabgpLine(line)).toEqual({ kind: 'output', text: line });
    expect(parseExabgpLine('[{"peer-address": "127.0.0.1"}]')).toMatchObject({ kind: 'output' });
  });

  it('reads the JSON answers of newer ExaBGP as acks', () => {
    expect(parseExabgpLine('{ "answer": "done", "message": "command completed" }')).toEqual({
      kind: 'ack',
      ack: 'done',
      text: 'command completed',
    });
    expect(parseExabgpLine('{"answer": "shutdown"}')).toEqual({ kind: 'ack', ack: 'shutdown' });
  });

  it('reports broken JSON and unsupported types as unknown', () => {
    expect(parseExabgpLine('{ "exabgp": "4.0.1", "type": ')).toMatchObject({ kind: 'unknown', reason: 'invalid JSON, even after repair' });
    expect(parseExabgpLine('{ "exabgp": "5.0.0", "type": "bogus", "neighbor": { "address": { "peer": "::1" } } }')).toMatchObject({
      kind: 'unknown',
      reason: 'unsupported message type "bogus"',
    });
  });
});

describe('parseExabgpLine on text', () => {
  it('reads acks, empty lines and command output', () => {
    expect(parseExabgpLine('done')).toEqual({ kind: 'ack', ack: 'done' });
    expect(parseExabgpLine('error\r\n')).toEqual({ kind: 'ack', ack: 'error' });
    expect(parseExabgpLine('')).toEqual({ kind: 'empty' });
    expect(parseExabgpLine('exabgp 4.2.21')).toEqual({ kind: 'output', text: 'exabgp 4.2.21' });
    expect(parseExabgpLine('shutdown in progress')).toEqual({ kind: 'output', text: 'shutdown in progress' });
    expect(parseExabgpLine('neighbor 127.0.0.1 ipv4 unicast 203.0.113.10/32 next-hop self')).toMatchObject({ kind: 'output' });
  });

  it('keeps the 6.x error reason as output that names the reason', () => {
    expect(parseExabgpLine('error: announce requires nexthop: 203.0.113.12/32')).toEqual({
      kind: 'output',
      text: 'error: announce requires nexthop: 203.0.113.12/32',
      errorReason: 'announce requires nexthop: 203.0.113.12/32',
    });
  });

  it('reads state changes, with the down reason after the dash', () => {
    expect(messageOf(parseExabgpLine('neighbor ::1 connected'))).toEqual({ type: 'state', neighbor: { peer: '::1' }, state: 'connected' });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/text/state-down.txt')))).toEqual({
      type: 'state',
      neighbor: { peer: '127.0.0.1' },
      state: 'down',
      reason: 'notification received (6,2)',
    });
    expect(messageOf(parseExabgpLine('neighbor 127.0.0.1 down - '))).toMatchObject({ state: 'down', reason: '' });
  });

  it('reads an announced line as its own update, 4.2 and 5.0 as-path alike', () => {
    const expected = {
      type: 'update',
      neighbor: { peer: '127.0.0.1', direction: 'receive' },
      announce: [{ family: 'ipv4 unicast', nextHop: '127.0.0.1', prefix: '198.51.100.0/24' }],
      withdraw: [],
      attributes: {
        origin: 'igp',
        asPath: [65002],
        med: 10,
        communities: ['65002:100', '65002:200'],
        extendedCommunities: ['target:65002:7'],
        largeCommunities: ['65002:1:2'],
      },
    };
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/text/update-receive-announce-ipv4.txt', 1)))).toEqual(expected);
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-5.0/text/update-receive-announce-ipv4.txt', 1)))).toEqual(expected);
  });

  it('reads a single community without brackets, well-known names numerically', () => {
    const line = 'neighbor ::1 send update announced 2001:db8:ff::10/128 next-hop ::1 origin igp as-path ( 65001 65099 ) med 100 community no-export';
    expect(messageOf(parseExabgpLine(line))).toMatchObject({
      announce: [{ family: 'ipv6 unicast', nextHop: '::1', prefix: '2001:db8:ff::10/128' }],
      attributes: { asPath: [65001, 65099], med: 100, communities: ['65535:65281'] },
    });
  });

  it('reads framing, withdrawn, eor, notification, refresh, open, keepalive and shutdown lines', () => {
    const n = { peer: '127.0.0.1', direction: 'receive' };
    expect(messageOf(parseExabgpLine('neighbor 127.0.0.1 receive update start'))).toEqual({ type: 'update-frame', neighbor: n, phase: 'start' });
    expect(messageOf(parseExabgpLine('neighbor 127.0.0.1 receive update withdrawn 198.51.100.0/24'))).toEqual({
      type: 'update',
      neighbor: n,
      announce: [],
      withdraw: [{ family: 'ipv4 unicast', prefix: '198.51.100.0/24' }],
      attributes: {},
    });
    expect(messageOf(parseExabgpLine('neighbor ::1 send update route eor 2/1 (ipv6 unicast)'))).toMatchObject({
      type: 'eor',
      afi: 'ipv6',
      safi: 'unicast',
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/text/notification-send-6-2.txt')))).toEqual({
      type: 'notification',
      neighbor: { peer: '127.0.0.1', direction: 'send' },
      code: 6,
      subcode: 2,
      data: '0x1741646D696E6973747261746976652053687574646F776E',
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/text/refresh-receive.txt')))).toEqual({
      type: 'refresh',
      neighbor: n,
      afi: 'ipv4',
      safi: 'unicast',
      subtype: 'query',
    });
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/text/open-send.txt')))).toMatchObject({
      type: 'open',
      asn: 65001,
      holdTime: 9,
      routerId: '127.0.0.2',
      capabilities: ['multiprotocol(ipv6 unicast)', 'route refresh', 'extended message(65535)', 'asn4(65001)', 'enhanced route refresh'],
    });
    expect(messageOf(parseExabgpLine('neighbor ::1 send keepalive'))).toEqual({ type: 'keepalive', neighbor: { peer: '::1', direction: 'send' } });
    expect(messageOf(parseExabgpLine('shutdown 22325 22294'))).toEqual({ type: 'shutdown', pid: 22325, ppid: 22294 });
  });

  it('reads a packets line as raw', () => {
    expect(messageOf(parseExabgpLine(fixtureLine('exabgp-4.2/text/extras-packets/packets-receive-category-4.txt')))).toEqual({
      type: 'raw',
      neighbor: { peer: '127.0.0.1', direction: 'receive' },
      category: 4,
      header: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304',
      body: '0x',
    });
  });

  it('reports a message line it cannot read as unknown', () => {
    expect(parseExabgpLine('neighbor 127.0.0.1 receive frobnicate')).toMatchObject({ kind: 'unknown', reason: 'unknown receive message "frobnicate"' });
    expect(parseExabgpLine('neighbor 127.0.0.1 send update announced 203.0.113.1/32')).toMatchObject({
      kind: 'unknown',
      reason: 'announced route without next-hop',
    });
  });

  it('never throws, whatever it is given', () => {
    const inputs = ['{', '{"exabgp": 1}', '{"exabgp": "x", "type": "update", "neighbor": {"address": {"peer": "p"}, "message": {"update": {"announce": {"f": {"nh": 5}}}}}}', 'neighbor', 'neighbor x send update', '\u0000\u0017', '{"a": ""b""}', 'null', '{}'];
    for (const input of inputs) expect(() => parseExabgpLine(input)).not.toThrow();
  });
});
