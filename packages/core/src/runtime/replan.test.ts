import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures.js';
import type { CheckResult } from '../plugins/check-result.js';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

const ip = '2001:db8:41::1/128';
const stateUp = readFixture('exabgp-4.2/json/state-up.jsonl').split('\n')[0] as string;

/** A runtime whose check reports `load` from the list, one value per round (healthy, or failed for `fail`). */
async function loadHarness(loads: Array<number | 'fail'>, timing: Record<string, unknown> = {}) {
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'on', dialect: 'neighbor' },
      defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, timeout: '1s', minDwell: '1s', ...timing },
      services: {
        web: {
          ips: [ip],
          check: { use: 'exec', with: { command: 'true' } },
          strategy: { use: 'scaled', with: { node: 0, nodes: 1, value: 'load', steps: [{ above: 1, add: 100 }, { above: 2, add: 300 }], withdrawAbove: 4 } },
        },
      },
    },
    { web: [] },
  );
  const service = harness.services[0];
  if (service) {
    service.check.run = async (): Promise<CheckResult> => {
      const load = loads.shift() ?? 0;
      return load === 'fail' ? { status: 'failed', reason: 'scripted' } : { status: 'healthy', values: { load } };
    };
  }
  const announced: string[] = [];
  harness.runtime.events.on('routesAnnounced', (event) => announced.push(`${event.from ?? '-'}→${event.to}`));
  await harness.startAnswered();
  /** Lines written since the last call; each is acknowledged as ExaBGP would. */
  const written = () => {
    const lines = harness.take();
    harness.feed(...lines.map(() => 'done'));
    return lines;
  };
  return { ...harness, written, announced };
}

describe('a strategy that follows a value the check reports', () => {
  it('plans again when the value moves the MED, and the book holds the latest plan', async () => {
    const harness = await loadHarness([0.5, 1.5, 2.5, 0.2]);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 100`]);
    await harness.clock.advance(1000);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 200`]);
    await harness.clock.advance(1000);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 400`]);
    // A peer that comes back gets the book: the latest plan, not the first.
    harness.feed(stateUp);
    expect(harness.written()).toEqual([`neighbor 127.0.0.1 announce route ${ip} next-hop self med 400`]);
    await harness.clock.advance(1000);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 100`]);
    expect(harness.announced).toEqual(['-→up']); // re-plans are not transitions: no event, no hook
    expect(harness.runtime.status[0]?.values).toEqual({ load: 0.2 });
  });

  it('writes nothing when the new values plan the same routes', async () => {
    const harness = await loadHarness([1.2, 1.4, 1.9, 1.3]);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 200`]);
    await harness.clock.advance(3000);
    expect(harness.written()).toEqual([]);
  });

  it('re-plans at most once per minDwell, with the values at the end of the dwell', async () => {
    const harness = await loadHarness([0.5, 1.5, 2.5, 2.6, 2.7, 2.8], { minDwell: '5s' });
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 100`]);
    await harness.clock.advance(4999);
    expect(harness.written()).toEqual([]);
    await harness.clock.advance(1);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 400`]);
  });

  it('withdraws past withdrawAbove and never holds back a failover behind a re-plan', async () => {
    const harness = await loadHarness([0.5, 4.5, 0.5, 'fail']);
    harness.written();
    await harness.clock.advance(1000);
    expect(harness.written()).toEqual([`withdraw route ${ip} next-hop self`]);
    await harness.clock.advance(1000);
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 100`]);
    await harness.clock.advance(1000); // 1 s after the last re-plan, within none of a transition's dwell
    expect(harness.written()).toEqual([`announce route ${ip} next-hop self med 1000`]);
  });
});
