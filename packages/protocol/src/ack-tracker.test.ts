import { describe, expect, it } from 'vitest';
import { createAckTracker } from './ack-tracker.js';

describe('AckTracker', () => {
  it('matches acks to commands in the order they were sent', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    tracker.sent('announce route 203.0.113.1/32 next-hop self', 0);
    tracker.sent('announce route 203.0.113.2/32 next-hop self', 1);
    expect(tracker.pending).toBe(2);
    expect(tracker.acknowledged('done', 3)).toEqual({
      seq: 1,
      command: 'announce route 203.0.113.1/32 next-hop self',
      sentAtMs: 0,
      ack: 'done',
      ackedAtMs: 3,
    });
    expect(tracker.acknowledged('done', 4)?.seq).toBe(2);
    expect(tracker.pending).toBe(0);
    expect(tracker.counters).toEqual({ sent: 2, done: 2, error: 0, timedOut: 0, unexpected: 0 });
  });

  it('attributes an error to the command it answers, with the 6.x reason', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    tracker.sent('announce route 203.0.113.1/32 next-hop self', 0);
    tracker.sent('announce route 203.0.113.62/32', 0);
    tracker.sent('withdraw route 203.0.113.1/32 next-hop self', 0);
    expect(tracker.acknowledged('done', 1)?.command).toBe('announce route 203.0.113.1/32 next-hop self');
    expect(tracker.acknowledged('error', 2, 'announce requires nexthop')).toMatchObject({
      command: 'announce route 203.0.113.62/32',
      ack: 'error',
      reason: 'announce requires nexthop',
    });
    expect(tracker.acknowledged('done', 3)?.command).toBe('withdraw route 203.0.113.1/32 next-hop self');
    expect(tracker.counters).toMatchObject({ done: 2, error: 1 });
  });

  it('expires commands that waited the whole timeout, and tells when the next one does', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    tracker.sent('a', 100);
    tracker.sent('b', 600);
    expect(tracker.nextDeadlineMs()).toBe(2100);
    expect(tracker.expire(2099)).toEqual([]);
    expect(tracker.expire(2100).map((e) => e.command)).toEqual(['a']);
    expect(tracker.nextDeadlineMs()).toBe(2600);
    expect(tracker.pending).toBe(1);
    expect(tracker.counters.timedOut).toBe(1);
  });

  it('gets back in step after a command ExaBGP 4.2 never acknowledged', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    tracker.sent('announce route 203.0.113.300/32 next-hop self', 0);
    expect(tracker.expire(2000).map((e) => e.command)).toEqual(['announce route 203.0.113.300/32 next-hop self']);
    tracker.sent('announce route 203.0.113.3/32 next-hop self', 2500);
    tracker.sent('announce route 203.0.113.4/32 next-hop self', 2501);
    expect(tracker.acknowledged('done', 2502)?.command).toBe('announce route 203.0.113.3/32 next-hop self');
    expect(tracker.acknowledged('done', 2503)?.command).toBe('announce route 203.0.113.4/32 next-hop self');
    expect(tracker.counters).toEqual({ sent: 3, done: 2, error: 0, timedOut: 1, unexpected: 0 });
  });

  it('counts an ack with nothing pending as unexpected', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    expect(tracker.acknowledged('done', 0)).toBeUndefined();
    tracker.sent('a', 0);
    tracker.expire(5000);
    expect(tracker.acknowledged('error', 5001)).toBeUndefined();
    expect(tracker.counters).toMatchObject({ unexpected: 2, timedOut: 1, done: 0, error: 0 });
  });

  it('tracks nothing when acks are off', () => {
    const tracker = createAckTracker({ timeoutMs: 2000, enabled: false });
    expect(tracker.sent('a', 0)).toBeUndefined();
    expect(tracker.pending).toBe(0);
    expect(tracker.expire(10_000)).toEqual([]);
    expect(tracker.nextDeadlineMs()).toBeUndefined();
    expect(tracker.counters).toEqual({ sent: 1, done: 0, error: 0, timedOut: 0, unexpected: 0 });
  });

  it('hands back every pending command when cleared', () => {
    const tracker = createAckTracker({ timeoutMs: 2000 });
    tracker.sent('a', 0);
    tracker.sent('b', 0);
    expect(tracker.clear().map((e) => e.command)).toEqual(['a', 'b']);
    expect(tracker.pending).toBe(0);
  });
});
