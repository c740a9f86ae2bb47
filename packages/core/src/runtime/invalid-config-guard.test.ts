import { describe, expect, it } from 'vitest';
import { readSafetySettings } from '../config/read-safety-settings.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { InvalidConfigGuard } from './invalid-config-guard.js';

const held = [
  'neighbor ::1 ipv6 unicast 2001:db8:30::1/128 next-hop self',
  'neighbor ::1 ipv6 unicast 2001:db8:30::2/128 next-hop self',
  'neighbor 127.0.0.1 ipv4 unicast 198.51.100.0/24 next-hop self',
];

function guardFor(raw: unknown) {
  const clock = new FakeClock();
  const written: string[] = [];
  const logger = createRecordingLogger();
  const guard = new InvalidConfigGuard({
    sink: { writeLine: (line) => void written.push(line), flushed: async () => {} },
    clock,
    logger,
    safety: raw === undefined ? undefined : readSafetySettings(raw),
  });
  guard.start();
  return { guard, clock, written, logger };
}

describe('idle mode with a refused config', () => {
  it('withdraws the routes left inside the allow-list once the grace period is over', async () => {
    const { guard, clock, written } = guardFor({ allowedPrefixes: ['2001:db8:30::/48 le 128'], onInvalidConfig: { after: '10s' }, services: 'broken' });
    await clock.advance(9_999);
    expect(written).toEqual([]);
    await clock.advance(1);
    expect(written).toEqual(['system version']);
    guard.receiveLine('exabgp 4.2.21');
    guard.receiveLine('done');
    await clock.advance(0);
    expect(written.splice(0)).toEqual(['system version', 'show adj-rib out']);
    for (const line of [...held, 'done']) guard.receiveLine(line);
    await clock.advance(0);
    expect(written).toEqual(['neighbor ::1 withdraw attributes next-hop self nlri 2001:db8:30::1/128 2001:db8:30::2/128']);
  });

  it('does nothing when the config is fixed before the grace period ends', async () => {
    const { guard, clock, written } = guardFor({ allowedPrefixes: ['2001:db8:30::/48 le 128'] });
    await clock.advance(29_000);
    guard.stop();
    await clock.advance(10_000);
    expect(written).toEqual([]);
  });

  it('keeps the routes when told to, and touches nothing without a readable allow-list', async () => {
    const keep = guardFor({ allowedPrefixes: ['2001:db8:30::/48 le 128'], onInvalidConfig: { action: 'keep' } });
    const unreadable = guardFor({ allowedPrefixes: ['not a prefix'] });
    const none = guardFor(undefined);
    for (const { clock } of [keep, unreadable, none]) await clock.advance(60_000);
    expect([keep.written, unreadable.written, none.written]).toEqual([[], [], []]);
    expect(none.logger.records.some((record) => record.level === 'error' && /no readable allowedPrefixes/.test(record.msg ?? ''))).toBe(true);
  });
});
