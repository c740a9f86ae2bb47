import { describe, expect, it } from 'vitest';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import { applyNeighborMessage, type NeighborTable } from './neighbor-table.js';
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
