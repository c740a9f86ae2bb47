import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { createFilePresence } from './file-presence.js';

describe('createFilePresence', () => {
  it('asks the filesystem about a file at most once per maxAge', async () => {
    const clock = new FakeClock();
    const asked: string[] = [];
    const presence = createFilePresence(async (path) => (asked.push(path), false), clock, 1000);
    await presence.has('drain-web');
    await clock.advance(999);
    await presence.has('drain-web');
    expect(asked).toEqual(['drain-web']);
    await clock.advance(1);
    await presence.has('drain-web');
    expect(asked).toEqual(['drain-web', 'drain-web']);
  });

  it('knows at once what exaplug wrote itself', async () => {
    const presence = createFilePresence(async () => false, new FakeClock(), 10_000);
    expect(await presence.has('drain-web')).toBe(false);
    presence.set('drain-web', true);
    expect(await presence.has('drain-web')).toBe(true);
  });
});
