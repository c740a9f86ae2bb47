import { describe, expect, it } from 'vitest';
import { parseExabgpLine, type ExabgpMessage } from '@exaplug/protocol';
import { applyNeighborMessage, applyShowRow, type NeighborTable } from './neighbor-table.js';
import { readFixture } from '../../test/fixtures.js';


function feed(table: NeighborTable, file: string) {
  const cameUp: string[] = [];
  for (const line of readFixture(`exabgp-4.2/json/${file}`).split('\n')) {
    const parsed = parseExabgpLine(line);
    if (parsed.kind !== 'message') continue;
    const { cameUp: peer } = applyNeighborMessage(table, parsed.message, 0);
    if (peer) cameUp.push(peer);
  }
  return cameUp;
}

describe('the neighbor table', () => {
  it('tracks sessions coming up and going down from real ExaBGP messages', () => {
    const table: NeighborTable = new Map();
    expect(feed(table, 'state-up.jsonl')).toContain('127.0.0.1');
    expect(table.get('127.0.0.1')?.state).toBe('up');
    feed(table, 'state-down.jsonl');
    expect(table.get('127.0.0.1')?.state).toBe('down');
  });

  it('keeps the routes a neighbor sent, with their attributes, until withdrawn', () => {
    const table: NeighborTable = new Map();
    feed(table, 'state-up.jsonl');
    feed(table, 'update-receive-announce-ipv4.jsonl');
    const received = table.get('127.0.0.1')?.received;
    expect(received?.get('198.51.100.0/24')).toMatchObject({ med: 10, nextHop: '127.0.0.1' });
    feed(table, 'update-receive-withdraw-ipv4.jsonl');
    expect(received?.has('198.51.100.0/24')).toBe(false);
  });
});

describe('the neighbor table under a flood', () => {
  const state = (peer: string, value: 'up' | 'down'): ExabgpMessage => ({ type: 'state', neighbor: { peer }, state: value });
  const update = (peer: string, prefixes: string[]): ExabgpMessage => ({
    type: 'update',
    neighbor: { peer, direction: 'receive' },
    announce: prefixes.map((prefix) => ({ family: 'ipv4 unicast', nextHop: peer, prefix })),
    withdraw: [],
    attributes: {},
  });

  it('keeps only the received prefixes a check asked for', () => {
    const table: NeighborTable = new Map();
    const policy = { keepPrefixes: new Set(['0.0.0.0/0']) };
    applyNeighborMessage(table, state('192.0.2.1', 'up'), 0, policy);
    applyNeighborMessage(table, update('192.0.2.1', ['198.51.100.0/24', '0.0.0.0/0', '203.0.113.0/24']), 0, policy);
    expect([...(table.get('192.0.2.1')?.received.keys() ?? [])]).toEqual(['0.0.0.0/0']);
  });

  it('keeps no received route at all when no check needs one', () => {
    const table: NeighborTable = new Map();
    const policy = { keepPrefixes: new Set<string>() };
    applyNeighborMessage(table, state('192.0.2.1', 'up'), 0, policy);
    for (let i = 0; i < 1000; i++) applyNeighborMessage(table, update('192.0.2.1', [`10.0.${i % 256}.${i >> 8}/32`]), 0, policy);
    expect(table.get('192.0.2.1')?.received.size).toBe(0);
  });

  it('remembers a bounded number of neighbors, forgetting those that are down first', () => {
    const table: NeighborTable = new Map();
    const policy = { maxNeighbors: 10 };
    applyNeighborMessage(table, state('192.0.2.1', 'up'), 0, policy);
    for (let i = 0; i < 10_000; i++) applyNeighborMessage(table, state(`10.0.${i >> 8}.${i % 256}`, 'down'), 0, policy);
    expect(table.size).toBe(10);
    expect(table.get('192.0.2.1')?.state).toBe('up');
  });

  it('says whether a state message changed anything, so a repeated state is not news', () => {
    const table: NeighborTable = new Map();
    expect(applyNeighborMessage(table, state('192.0.2.1', 'down'), 0).stateChanged).toBe(true);
    expect(applyNeighborMessage(table, state('192.0.2.1', 'down'), 1).stateChanged).toBe(false);
    expect(applyNeighborMessage(table, state('192.0.2.1', 'up'), 2).stateChanged).toBe(true);
  });
});

describe('the neighbor table seeded from show output at start', () => {
  const up: ExabgpMessage = { type: 'state', neighbor: { peer: '127.0.0.1' }, state: 'up' };
  const rib = (prefix: string) => ({ kind: 'rib' as const, peer: '127.0.0.1', family: 'ipv4 unicast', prefix, nextHop: '127.0.0.1' });

  // The session came up while exaplug loaded its config: the early `state up` is replayed,
  // its UPDATEs were dropped (EarlyLines), and only `show adj-rib in` can bring them back.
  it('takes the routes of `show adj-rib in` for a neighbor known from a replayed state message', () => {
    const table: NeighborTable = new Map();
    const policy = { keepPrefixes: new Set(['198.51.100.0/24']) };
    applyNeighborMessage(table, up, 0, policy);
    applyShowRow(table, rib('198.51.100.0/24'), 0, policy);
    applyShowRow(table, rib('203.0.113.0/24'), 0, policy);
    expect([...(table.get('127.0.0.1')?.received.keys() ?? [])]).toEqual(['198.51.100.0/24']);
  });

  it('keeps what a live UPDATE said (its attributes) over the poorer show row of the same route', () => {
    const table: NeighborTable = new Map();
    feed(table, 'state-up.jsonl');
    feed(table, 'update-receive-announce-ipv4.jsonl');
    applyShowRow(table, rib('198.51.100.0/24'), 0);
    expect(table.get('127.0.0.1')?.received.get('198.51.100.0/24')).toMatchObject({ med: 10 });
  });

  it('takes no route for a neighbor that is down', () => {
    const table: NeighborTable = new Map();
    applyNeighborMessage(table, { ...up, state: 'down' }, 0);
    applyShowRow(table, rib('198.51.100.0/24'), 0);
    expect(table.get('127.0.0.1')?.received.size).toBe(0);
  });
});
