import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures.js';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

const downLine = readFixture('exabgp-4.2/text/state-down.txt').split('\n')[0] as string;
const announceLine = readFixture('exabgp-4.2/json/update-receive-announce-ipv4.jsonl').split('\n')[0] as string;
const upLine = readFixture('exabgp-4.2/json/state-up.jsonl').split('\n').find((l) => l.includes('"up"')) as string;

function config(check: Record<string, unknown>) {
  return { services: { web: { ips: ['192.0.2.1/32'], check, rise: 1, fall: 1 } } };
}

async function started(check: Record<string, unknown> = { use: 'exec', with: { command: 'true' } }) {
  const harness = await createRuntimeHarness(config(check), {});
  harness.runtime.start();
  harness.feed('exabgp 4.2.21', 'done');
  return harness;
}

describe('the runtime under a flood of ExaBGP lines', () => {
  it('logs a few unreadable lines, then how many it left out', async () => {
    const harness = await started();
    for (let i = 0; i < 100_000; i++) harness.feed(`{ "garbage": ${i}`);
    const warnings = () => harness.logger.records.filter((r) => r.msg === 'unreadable line from exabgp skipped');
    expect(warnings().length).toBeLessThanOrEqual(10);
    await harness.clock.advance(60_000);
    harness.feed('{ "garbage": "again"');
    expect(warnings().at(-1)?.fields).toMatchObject({ suppressed: 100_000 - 10 });
  });

  it('logs a neighbor state once, not once per repeated line', async () => {
    const harness = await started();
    for (let i = 0; i < 10_000; i++) harness.feed(downLine);
    expect(harness.logger.records.filter((r) => r.msg === 'neighbor state')).toHaveLength(1);
  });

  it('keeps no received route when no check reads routes', async () => {
    const harness = await started();
    harness.feed(upLine, announceLine);
    expect(harness.runtime.neighbors.get('127.0.0.1')?.received.size).toBe(0);
  });

  it('keeps the received prefix a neighbor check asks for, and only that one', async () => {
    const harness = await started({ use: 'neighbor', with: { prefix: '198.51.100.0/24' } });
    const other = announceLine.replace('198.51.100.0/24', '203.0.113.0/24');
    harness.feed(upLine, announceLine, other);
    expect([...(harness.runtime.neighbors.get('127.0.0.1')?.received.keys() ?? [])]).toEqual(['198.51.100.0/24']);
  });
});
