import { describe, expect, it } from 'vitest';
import { blamedCheck } from './blamed-check.js';
import { CheckActivity } from './check-activity.js';

const busy = { service: 'busy', plugin: 'spin' };
const web = { service: 'web', plugin: 'http' };

describe('naming the check to blame', () => {
  it('blames the check that ran synchronously for most of a stall', () => {
    const activity = new CheckActivity();
    activity.ranSynchronously(web, 2);
    activity.ranSynchronously(busy, 300);
    expect(blamedCheck(activity, 310)).toEqual({ ...busy, syncMs: 300 });
    // Forgotten once looked at.
    expect(blamedCheck(activity, 310)).toBeUndefined();
  });

  it('falls back to the check in flight, then to the one that ran last', () => {
    const activity = new CheckActivity();
    const token = activity.started(web);
    expect(blamedCheck(activity, 200)).toEqual(web);
    activity.finished(token, { heapUsed: 0, rss: 0 });
    expect(blamedCheck(activity, 200)).toEqual(web);
  });

  it('finds the check whose attempts grew memory most', () => {
    const activity = new CheckActivity();
    activity.finished(activity.started(web), { heapUsed: 1_000, rss: 5_000 });
    activity.finished(activity.started(busy), { heapUsed: 20_000_000, rss: -100 });
    activity.finished(activity.started(busy), { heapUsed: 20_000_000, rss: 0 });
    expect(activity.topGrower('heapUsed')).toEqual(busy);
    expect(activity.topGrower('rss')).toEqual(web);
  });
});
