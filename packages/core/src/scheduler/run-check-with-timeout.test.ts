import { describe, expect, it } from 'vitest';
import { systemClock } from '../adapters/system-clock.js';
import type { CheckInstance } from '../plugins/define-check.js';
import { runCheckWithTimeout } from './run-check-with-timeout.js';

const run = (check: CheckInstance, timeoutMs = 200) => runCheckWithTimeout(check, { name: 'probe', timeoutMs, clock: systemClock });

describe('runCheckWithTimeout', () => {
  it('passes a result through and fills in the duration', async () => {
    const result = await run({ run: async () => ({ status: 'healthy', reason: 'ok' }) });
    expect(result).toMatchObject({ status: 'healthy', reason: 'ok' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('turns a throw into a failed check naming the plugin', async () => {
    expect(await run({ run: async () => Promise.reject(new Error('socket exploded')) })).toMatchObject({
      status: 'failed',
      reason: 'probe threw: socket exploded',
    });
    expect(
      await run({
        run: () => {
          throw new TypeError('synchronous bug');
        },
      }),
    ).toMatchObject({ status: 'failed', reason: 'probe threw: synchronous bug' });
  });

  it('fails a check that never settles, at the timeout, and aborts its signal', async () => {
    let seenSignal: AbortSignal | undefined;
    const started = performance.now();
    const result = await run({
      run: ({ signal }) => {
        seenSignal = signal;
        return new Promise(() => {});
      },
    });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 200ms' });
    expect(seenSignal?.aborted).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(190);
  });

  it('refuses something that is not a result', async () => {
    const result = await run({ run: async () => 'yes' as never });
    expect(result).toMatchObject({ status: 'failed', reason: 'probe returned "yes" instead of a result' });
  });
});
