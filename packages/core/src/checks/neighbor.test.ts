import { describe, expect, it } from 'vitest';
import { createCheckContext } from '../plugins/create-check-context.js';
import { parseExabgpLine } from '@exaplug/protocol';
import { applyNeighborMessage, type NeighborTable } from '../runtime/neighbor-table.js';
import { neighborCheck } from './neighbor.js';
import { readFixture } from '../../test/fixtures.js';


function feed(table: NeighborTable, file: string) {
  for (const line of readFixture(`exabgp-4.2/json/${file}`).split('\n')) {
    const parsed = parseExabgpLine(line);
    if (parsed.kind === 'message') applyNeighborMessage(table, parsed.message, 0);
  }
}

async function verdict(table: NeighborTable, options: Record<string, unknown>) {
  const check = await neighborCheck.create(neighborCheck.options.parse(options), createCheckContext({ neighbors: table }));
  return check.run({ signal: new AbortController().signal });
}

describe('the neighbor check', () => {
  it('fails before any session was seen, then follows the session state', async () => {
    const table: NeighborTable = new Map();
    expect(await verdict(table, {})).toMatchObject({ status: 'failed', reason: 'no BGP session seen yet' });
    feed(table, 'state-up.jsonl');
    expect(await verdict(table, { peer: '127.0.0.1' })).toMatchObject({ status: 'healthy', reason: '1 of 1 neighbor established' });
    feed(table, 'state-down.jsonl');
    expect(await verdict(table, { peer: '127.0.0.1' })).toMatchObject({ status: 'failed', reason: '0 of 1 neighbor established, need 1' });
  });

  it('requires a received route when given a prefix', async () => {
    const table: NeighborTable = new Map();
    feed(table, 'state-up.jsonl');
    expect((await verdict(table, { prefix: '198.51.100.0/24' })).status).toBe('failed');
    feed(table, 'update-receive-announce-ipv4.jsonl');
    expect(await verdict(table, { prefix: '198.51.100.0/24', peer: '127.0.0.1' })).toMatchObject({
      status: 'healthy',
      reason: '1 of 1 neighbor with 198.51.100.0/24',
    });
    feed(table, 'update-receive-withdraw-ipv4.jsonl');
    expect((await verdict(table, { prefix: '198.51.100.0/24', peer: '127.0.0.1' })).status).toBe('failed');
  });

  it('refuses options that are not addresses', () => {
    expect(neighborCheck.options.safeParse({ peer: 'router1' }).success).toBe(false);
    expect(neighborCheck.options.safeParse({ prefix: '10.0.0.0/33' }).success).toBe(false);
  });

  it('refuses an option it does not know', () => {
    expect(neighborCheck.options.safeParse({ peers: '192.0.2.1' }).success).toBe(false);
  });
});
