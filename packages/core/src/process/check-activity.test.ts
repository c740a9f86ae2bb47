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

describe('blaming a service for a memory limit', () => {
  it('names a service only with evidence that its checks grew memory', () => {
    const activity = new CheckActivity();
    // A check in flight and one that just finished, neither growing: a flooded control socket's case.
    activity.started(web);
    activity.finished(activity.started(busy), { heapUsed: 1_000, rss: 40_000 });
    expect(activity.culprit('rss', 100 * 1024 ** 2)).toBeUndefined();
    activity.finished(activity.started(busy), { heapUsed: 0, rss: 150 * 1024 ** 2 });
    expect(activity.culprit('rss', 100 * 1024 ** 2)).toEqual(busy);
  });

  it('sees a Buffer leak through external memory when the reused RSS reading shows nothing', () => {
    const activity = new CheckActivity();
    for (let i = 0; i < 4; i++) activity.finished(activity.started(busy), { heapUsed: 100, rss: 0, external: 30 * 1024 ** 2 });
    expect(activity.culprit('rss', 100 * 1024 ** 2)).toEqual(busy);
    expect(activity.culprit('heapUsed', 100 * 1024 ** 2)).toBeUndefined();
  });
});
