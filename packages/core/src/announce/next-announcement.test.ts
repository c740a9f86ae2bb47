import { describe, expect, it } from 'vitest';
import { nextAnnouncement } from './next-announcement.js';

const moment = { target: 'down', announced: 'up', announcedAtMs: 1000, nowMs: 1400, minDwellMs: 1000 } as const;

describe('nextAnnouncement', () => {
  it('announces the first state at once', () => {
    expect(nextAnnouncement({ ...moment, announced: undefined, announcedAtMs: undefined })).toEqual({ kind: 'now', state: 'down' });
  });

  it('holds a change back until the dwell since the last announcement has passed', () => {
    expect(nextAnnouncement(moment)).toEqual({ kind: 'later', inMs: 600 });
    expect(nextAnnouncement({ ...moment, nowMs: 2000 })).toEqual({ kind: 'now', state: 'down' });
  });

  it('has nothing to do when the target is what was announced, or there is no target yet', () => {
    expect(nextAnnouncement({ ...moment, target: 'up' })).toEqual({ kind: 'none' });
    expect(nextAnnouncement({ ...moment, target: undefined })).toEqual({ kind: 'none' });
  });

  it('announces at once when damping is off', () => {
    expect(nextAnnouncement({ ...moment, minDwellMs: 0 })).toEqual({ kind: 'now', state: 'down' });
  });
});
