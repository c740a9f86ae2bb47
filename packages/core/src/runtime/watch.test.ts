import { describe, expect, it } from 'vitest';
import { createRuntimeHarness, type Scripted } from '../testing/runtime-harness.js';

const ips = ['2001:db8:40::1/128'];

async function startedHarness(scripts: Scripted[], timing: Record<string, unknown> = {}) {
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'on', dialect: 'neighbor' },
      defaults: { interval: '5s', fastInterval: '100ms', rise: 1, fall: 2, timeout: '1s', minDwell: '0s', ...timing },
      services: { web: { ips, check: { use: 'exec', with: { command: 'true' } } } },
    },
    { web: scripts },
  );
  harness.runtime.start();
  harness.take();
  harness.feed('exabgp 4.2.21', 'done');
  harness.take();
  harness.feed('Peer            AS        up/down state       |     #sent     #recvd', 'done');
  await harness.clock.advance(0);
  return harness;
}

const announced = (lines: string[]) => lines.filter((line) => line.startsWith('announce') || line.startsWith('withdraw'));

describe("a check's watch", () => {
  it('moves a failed service within fall × fastInterval of the change, not at the next interval', async () => {
    const harness = await startedHarness(['pass', 'fail', 'fail']);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 100']);
    harness.feed('done');
    await harness.clock.advance(1000);
    harness.watchSaw('web', 'connection closed');
    await harness.clock.advance(0);
    expect(announced(harness.take())).toEqual([]); // one failure: falling, the routes stay
    await harness.clock.advance(100);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 1000']);
  });

  it('never runs rounds closer together than fastInterval, however often it fires', async () => {
    const harness = await startedHarness(['pass', 'pass', 'pass', 'pass']);
    const completed: number[] = [];
    harness.runtime.events.on('checkCompleted', () => completed.push(harness.clock.now()));
    for (let i = 0; i < 10; i++) {
      harness.watchSaw('web');
      await harness.clock.advance(20);
    }
    expect(completed).toEqual([100, 200]);
  });

  it('brings no round sooner when one is already due earlier', async () => {
    const harness = await startedHarness(['pass', 'fail', 'pass'], { interval: '1s', fastInterval: '1s' });
    const completed: number[] = [];
    harness.runtime.events.on('checkCompleted', () => completed.push(harness.clock.now()));
    await harness.clock.advance(999);
    harness.watchSaw('web');
    await harness.clock.advance(1);
    expect(completed).toEqual([1000]);
  });

  it('is told to stop when the service stops', async () => {
    const harness = await startedHarness(['pass']);
    expect(harness.watchSignal('web')?.aborted).toBe(false);
    await harness.runtime.stop({ withdraw: false });
    expect(harness.watchSignal('web')?.aborted).toBe(true);
  });

  it('keeps polling when the watch throws at start', async () => {
    const harness = await createRuntimeHarness(
      { exabgp: { acks: 'off', dialect: 'neighbor' }, defaults: { interval: '1s', rise: 1, fall: 1 }, services: { web: { ips, check: { use: 'exec', with: { command: 'true' } } } } },
      { web: ['pass', 'pass', 'pass'] },
    );
    const service = harness.services[0];
    if (!service) throw new Error('no service');
    service.check.watch = () => {
      throw new Error('watch bug');
    };
    let rounds = 0;
    harness.runtime.events.on('checkCompleted', () => rounds++);
    harness.runtime.start();
    await harness.clock.advance(3500);
    expect(rounds).toBeGreaterThanOrEqual(3);
  });
});
