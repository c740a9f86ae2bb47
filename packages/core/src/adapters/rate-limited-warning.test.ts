import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { createRateLimitedWarning } from './rate-limited-warning.js';

describe('createRateLimitedWarning', () => {
  it('logs each kind once per interval and counts the ones it left out', () => {
    const lines: Array<[unknown, string | undefined]> = [];
    let now = 0;
    const warn = createRateLimitedWarning({ ...silentLogger, warn: (fields, message) => void lines.push([fields, message]) }, { intervalMs: 1000, now: () => now });
    warn('stalled', { client: 1 }, 'dropped');
    warn('stalled', { client: 2 }, 'dropped');
    warn('refused', { client: 3 }, 'refused');
    now = 999;
    warn('stalled', { client: 4 }, 'dropped');
    now = 1000;
    warn('stalled', { client: 5 }, 'dropped');
    expect(lines).toEqual([
      [{ client: 1 }, 'dropped'],
      [{ client: 3 }, 'refused'],
      [{ client: 5, suppressed: 2 }, 'dropped'],
    ]);
  });
});
