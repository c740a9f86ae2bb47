import { describe, expect, it } from 'vitest';
import { createRuntimeHarness, type Scripted } from '../testing/runtime-harness.js';
import { readFixture } from '../../test/fixtures.js';
import { abortReasonGraceMs } from '../scheduler/run-check-with-timeout.js';

const firstLine = (file: string) => readFixture(`exabgp-4.2/json/${file}`).split('\n')[0] as string;

const ips = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];

function configFor(node: number, extra: Record<string, unknown> = {}) {
  return {
    exabgp: { acks: 'auto', dialect: 'auto', ackTimeout: '2s' },
    defaults: { interval: '5s', fastInterval: '1s', rise: 3, fall: 3, timeout: '2s' },
    services: {
      web: { ips, check: { use: 'exec', with: { command: 'true' } }, strategy: { use: 'rotate', with: { node, nodes: 3 } }, ...extra },
    },
  };
}

async function startedHarness(scripts: Scripted[], node = 0, extra: Record<string, unknown> = {}) {
  const harness = await createRuntimeHarness(configFor(node, extra), { web: scripts });
  harness.runtime.start();
  expect(harness.take()).toEqual(['system version']);
  harness.feed('exabgp 4.2.21', 'done');
  // ExaBGP tells a (re)spawned process nothing of the sessions already up: exaplug asks.
  expect(harness.take()).toEqual(['show neighbor extensive']);
  harness.feed('Peer            AS        up/down state       |     #sent     #recvd', 'done');
  return harness;
}

const acknowledge = (harness: Awaited<ReturnType<typeof startedHarness>>, count: number) =>
  harness.feed(...Array.from({ length: count }, () => 'done'));

describe('the runtime', () => {
  it('announces nothing until the service has risen, then the rotated MEDs', async () => {
    const harness = await startedHarness(['pass', 'pass', 'pass']);
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual([]);
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 102',
      'announce route 2001:db8:30::2/128 next-hop self med 101',
      'announce route 2001:db8:30::3/128 next-hop self med 100',
    ]);
  });

  it('does not re-announce while the state stays the same', async () => {
    const harness = await startedHarness(['pass', 'pass', 'pass']);
    await harness.clock.advance(2000);
    acknowledge(harness, harness.take().length);
    await harness.clock.advance(60_000);
    expect(harness.take()).toEqual([]);
  });

  it('moves to the down MEDs after fall failures and back after rise passes', async () => {
    const harness = await startedHarness(['pass', 'pass', 'pass', 'fail', 'fail', 'fail', 'pass', 'pass', 'pass'], 2);
    await harness.clock.advance(2000);
    acknowledge(harness, harness.take().length);
    await harness.clock.advance(5000 + 1000); // first failure at +5s, second at +1s
    expect(harness.take()).toEqual([]);
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 1000',
      'announce route 2001:db8:30::2/128 next-hop self med 1002',
      'announce route 2001:db8:30::3/128 next-hop self med 1001',
    ]);
    acknowledge(harness, 3);
    await harness.clock.advance(5000 + 1000 + 1000);
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 100',
      'announce route 2001:db8:30::2/128 next-hop self med 102',
      'announce route 2001:db8:30::3/128 next-hop self med 101',
    ]);
  });

  it('counts a hanging or throwing check as a failure and keeps running', async () => {
    const harness = await startedHarness(['throw', 'throw', 'hang'], 0, { fall: 3, timeout: '2s' });
    // The timeout's verdict waits abortReasonGraceMs for the plugin's own reason.
    await harness.clock.advance(1000 + 1000 + 2000 + abortReasonGraceMs);
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 1002',
      'announce route 2001:db8:30::2/128 next-hop self med 1001',
      'announce route 2001:db8:30::3/128 next-hop self med 1000',
    ]);
    expect(harness.runtime.status[0]?.lastResult).toMatchObject({ status: 'failed', reason: 'timeout after 2s' });
  });

  it('re-announces everything to the neighbor that comes up, and to it only', async () => {
    const harness = await startedHarness(['pass'], 0, { rise: 1 });
    await harness.clock.advance(0);
    const first = harness.take();
    expect(first).toHaveLength(3);
    acknowledge(harness, 3);
    harness.feed(firstLine('state-up.jsonl'));
    expect(harness.take()).toEqual(first.map((command) => `neighbor 127.0.0.1 ${command}`));
  });

  it('withdraws its routes on stop, in one command, and waits for the ack', async () => {
    const harness = await startedHarness(['pass'], 0, { rise: 1 });
    await harness.clock.advance(0);
    acknowledge(harness, harness.take().length);
    const stopped = harness.runtime.stop({ withdraw: true });
    expect(harness.take()).toEqual(['withdraw attributes next-hop self nlri 2001:db8:30::1/128 2001:db8:30::2/128 2001:db8:30::3/128']);
    acknowledge(harness, 1);
    await harness.clock.advance(20);
    await stopped;
    expect(harness.runtime.exabgp.counters).toMatchObject({ done: 5, timedOut: 0 });
  });

  it('writes nothing on stop when ExaBGP is gone', async () => {
    const harness = await startedHarness(['pass'], 0, { rise: 1 });
    await harness.clock.advance(0);
    harness.take();
    await harness.runtime.stop({ withdraw: false });
    expect(harness.take()).toEqual([]);
  });

  it('reports the shutdown message to the shell', async () => {
    const harness = await startedHarness([]);
    harness.feed(firstLine('notification-shutdown.jsonl'));
    expect(harness.shutdownRequested).toBe(true);
  });

  it('logs and skips a malformed line', async () => {
    const harness = await startedHarness([]);
    harness.feed('{"exabgp": "4.0.1", "type": "state", broken');
    expect(harness.logger.records.some((r) => r.level === 'warn' && r.msg === 'unreadable line from exabgp skipped')).toBe(true);
    expect(harness.take()).toEqual([]);
  });

  it('queues commands until the probe settles and detects acks off', async () => {
    const harness = await createRuntimeHarness(configFor(0, { rise: 1 }), { web: ['pass'] });
    harness.runtime.start();
    await harness.clock.advance(0);
    expect(harness.take()).toEqual(['system version']);
    harness.feed('exabgp 5.0.13');
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['show neighbor extensive']);
    // No ack will mark the end of the answer: the checks start after a short grace.
    await harness.clock.advance(300);
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 102',
      'announce route 2001:db8:30::2/128 next-hop self med 101',
      'announce route 2001:db8:30::3/128 next-hop self med 100',
    ]);
    expect(harness.runtime.exabgp).toMatchObject({ version: '5.0.13', dialect: 'neighbor', acks: 'off' });
  });

  it('logs an error ack with the command it belongs to', async () => {
    const harness = await startedHarness(['pass'], 0, { rise: 1 });
    await harness.clock.advance(0);
    const [first] = harness.take();
    harness.feed('error', 'done', 'done');
    const refusal = harness.logger.records.find((r) => r.msg === 'exabgp refused a command');
    expect(refusal?.fields.command).toBe(first);
  });

  it('times out a command that never gets an ack', async () => {
    const harness = await startedHarness(['pass'], 0, { rise: 1 });
    await harness.clock.advance(0);
    harness.take();
    await harness.clock.advance(2000);
    expect(harness.runtime.exabgp.counters.timedOut).toBe(3);
    expect(harness.logger.records.filter((r) => r.fields.code === 'EXAPLUG_ACK_TIMEOUT')).toHaveLength(3);
  });

  it('does not start another attempt while a timed-out one has still not settled', async () => {
    const harness = await startedHarness(['hang', 'pass'], 0, { rise: 1, fall: 1, timeout: '2s', interval: '5s' });
    await harness.clock.advance(2000 + abortReasonGraceMs);
    expect(harness.runtime.status[0]?.lastResult?.reason).toBe('timeout after 2s');
    await harness.clock.advance(5000);
    expect(harness.runtime.status[0]?.lastResult).toMatchObject({
      status: 'failed',
      reason: 'exec: the previous attempt ignored its abort and has not finished',
    });
    expect(harness.runtime.status[0]?.state.name).toBe('down');
  });
});
