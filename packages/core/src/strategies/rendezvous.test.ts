import { describe, expect, it } from 'vitest';
import type { AnnouncedState } from '../health/health-state.js';
import { rendezvousOrder, rendezvousStrategy } from './rendezvous.js';

const members = ['w1', 'w2', 'w3'];
const prefixes = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];
const manyIps = Array.from({ length: 300 }, (_, index) => `2001:db8:30::${(index + 1).toString(16)}/128`);

function meds(self: string, state: AnnouncedState, extra: Record<string, unknown> = {}, hostname?: string) {
  const options = rendezvousStrategy.options.parse({ members, ...(hostname === undefined && { self }), ...extra });
  const strategy = rendezvousStrategy.create(options, { serviceName: 'web', ...(hostname !== undefined && { hostname }) });
  return strategy.plan({ serviceName: 'web', prefixes, state }).map((intent) => intent.med);
}

const primaries = (nodes: readonly string[]) => manyIps.map((ip) => rendezvousOrder(nodes, ip)[0]);

describe('rendezvous strategy', () => {
  it('gives every IP one primary and ranked backups across the members', () => {
    const table = members.map((self) => meds(self, 'up'));
    for (let ip = 0; ip < prefixes.length; ip++) {
      expect(table.map((row) => row[ip]).sort()).toEqual([100, 101, 102]);
    }
  });

  it('orders the same on every node and in every run (pinned so a hash change is noticed)', () => {
    expect(prefixes.map((prefix) => rendezvousOrder(members, prefix))).toEqual([
      ['w1', 'w2', 'w3'],
      ['w2', 'w1', 'w3'],
      ['w2', 'w1', 'w3'],
    ]);
    expect(rendezvousOrder(['w3', 'w1', 'w2'], prefixes[0] as string)).toEqual(rendezvousOrder(members, prefixes[0] as string));
  });

  it('spreads 300 IPs about evenly over the members', () => {
    const counts = members.map((member) => primaries(members).filter((primary) => primary === member).length);
    for (const count of counts) expect(count).toBeGreaterThan(70);
  });

  it('moves only the IPs a new member wins, about 1/n of them, when a member joins', () => {
    const before = primaries(['w1', 'w2', 'w3', 'w4']);
    const after = primaries(['w1', 'w2', 'w3', 'w4', 'w5']);
    const moved = manyIps.filter((_, index) => before[index] !== after[index]);
    expect(moved.every((ip) => rendezvousOrder(['w1', 'w2', 'w3', 'w4', 'w5'], ip)[0] === 'w5')).toBe(true);
    expect(moved.length / manyIps.length).toBeGreaterThan(0.12);
    expect(moved.length / manyIps.length).toBeLessThan(0.28);
  });

  it('moves only the leaving member’s IPs when a member leaves, keeping everyone else’s order', () => {
    const before = primaries(['w1', 'w2', 'w3', 'w4']);
    const after = primaries(['w1', 'w2', 'w4']);
    manyIps.forEach((ip, index) => {
      if (before[index] !== 'w3') expect(after[index]).toBe(before[index]);
      expect(rendezvousOrder(['w1', 'w2', 'w4'], ip)).toEqual(rendezvousOrder(['w1', 'w2', 'w3', 'w4'], ip).filter((m) => m !== 'w3'));
    });
  });

  it('takes self from the hostname when not set, and refuses a self that is not a member', () => {
    expect(meds('', 'up', {}, 'w2')).toEqual(meds('w2', 'up'));
    expect(() => meds('w9', 'up')).toThrow('strategy.with.self: "w9" is not one of members (w1, w2, w3)');
    expect(() => meds('', 'up', {}, 'db7')).toThrow(/the hostname "db7" \(set self\) is not one of members/);
  });

  it('uses the state metrics, a degraded tier when configured, and withdraws on request', () => {
    const row = meds('w1', 'up');
    expect(meds('w1', 'down')).toEqual(row.map((med) => (med as number) + 900));
    expect(meds('w1', 'degraded', { metrics: { degraded: 300 } })).toEqual(row.map((med) => (med as number) + 200));
    const strategy = rendezvousStrategy.create(rendezvousStrategy.options.parse({ members, self: 'w1', withdrawOn: ['down'] }), { serviceName: 'web' });
    expect(strategy.plan({ serviceName: 'web', prefixes, state: 'down' }).every((intent) => intent.action === 'withdraw')).toBe(true);
    expect(strategy.gradesDegraded).toBe(false);
  });

  it('refuses duplicate members and unknown options', () => {
    expect(rendezvousStrategy.options.safeParse({ members: ['a', 'a'] }).success).toBe(false);
    expect(rendezvousStrategy.options.safeParse({ members: ['a'], node: 0 }).success).toBe(false);
  });
});
