import { describe, expect, it } from 'vitest';
import { createRuntimeHarness, type Scripted } from '../testing/runtime-harness.js';

const ips = ['2001:db8:40::1/128'];

async function startedHarness(scripts: Scripted[], timing: Record<string, unknown> = {}, service: Record<string, unknown> = {}) {
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'on', dialect: 'neighbor' },
      defaults: { interval: '5s', fastInterval: '100ms', rise: 1, fall: 2, timeout: '1s', minDwell: '0s', ...timing },
      services: { web: { ips, check: { use: 'exec', with: { command: 'true' } }, ...service } },
    },
    { web: scripts },
  );
  await harness.startAnswered();
  return { ...harness, watchSawRefused: () => harness.watchSaw('web', '[::1]:80 refuses connections', { refused: true }) };
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

  it('runs a round at once on the first trigger, then at most one per fastInterval however often it fires', async () => {
    const harness = await startedHarness(['pass', 'pass', 'pass', 'pass']);
    const completed: number[] = [];
    harness.runtime.events.on('checkCompleted', () => completed.push(harness.clock.now()));
    for (let i = 0; i < 10; i++) {
      harness.watchSaw('web');
      await harness.clock.advance(20);
    }
    expect(completed).toEqual([0, 100, 200]);
  });

  it('runs at once on a trigger, whatever the spacing from the previous scheduled round', async () => {
    const harness = await startedHarness(['pass', 'fail', 'pass'], { interval: '1s', fastInterval: '1s' });
    const completed: number[] = [];
    harness.runtime.events.on('checkCompleted', () => completed.push(harness.clock.now()));
    await harness.clock.advance(500);
    harness.watchSaw('web');
    await harness.clock.advance(0);
    expect(completed).toEqual([500]);
  });

  it('runs one round right after the one running when it fires during a round', async () => {
    const harness = await startedHarness(['pass', 'hang', 'pass'], { interval: '5s', fastInterval: '100ms', timeout: '300ms' });
    const completed: number[] = [];
    harness.runtime.events.on('checkCompleted', () => completed.push(harness.clock.now()));
    await harness.clock.advance(1000);
    harness.watchSaw('web'); // starts a round that hangs until its timeout (and the abort grace)
    await harness.clock.advance(100);
    harness.watchSaw('web');
    harness.watchSaw('web');
    await harness.clock.advance(300);
    expect(completed).toEqual([1400, 1400]);
  });

  it('goes down at once, fall 3 or not, when a refused connection is followed by a failed round', async () => {
    const harness = await startedHarness(['pass', 'fail'], { fall: 3 });
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 100']);
    harness.feed('done');
    await harness.clock.advance(1000);
    harness.watchSawRefused();
    await harness.clock.advance(0);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 1000']);
    expect(harness.runtime.status.find((service) => service.name === 'web')?.state).toEqual({ name: 'down', count: 0 });
  });

  it('keeps the normal fall after a connect timeout (a change without evidence)', async () => {
    const harness = await startedHarness(['pass', 'fail', 'fail', 'fail'], { fall: 3 });
    harness.take();
    harness.feed('done');
    await harness.clock.advance(1000);
    harness.watchSaw('web', '[::1]:80 accepts no connection within 1000 ms');
    await harness.clock.advance(0);
    expect(announced(harness.take())).toEqual([]);
    await harness.clock.advance(100);
    expect(announced(harness.take())).toEqual([]);
    await harness.clock.advance(100);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 1000']);
  });

  it('forgets the evidence when the round it triggered passes', async () => {
    const harness = await startedHarness(['pass', 'pass', 'fail', 'fail', 'fail'], { fall: 3 });
    harness.take();
    harness.feed('done');
    await harness.clock.advance(1000);
    harness.watchSawRefused();
    await harness.clock.advance(5000);
    expect(announced(harness.take())).toEqual([]); // passed, then falling:1 at the next poll
    await harness.clock.advance(200);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 1000']);
  });

  it('keeps the normal fall after refused connections with refusedIsDown: false', async () => {
    const harness = await startedHarness(['pass', 'fail', 'fail', 'fail'], { fall: 3 }, { refusedIsDown: false });
    harness.take();
    harness.feed('done');
    await harness.clock.advance(1000);
    harness.watchSawRefused();
    await harness.clock.advance(100);
    expect(announced(harness.take())).toEqual([]);
    await harness.clock.advance(100);
    expect(announced(harness.take())).toEqual(['announce route 2001:db8:40::1/128 next-hop self med 1000']);
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
