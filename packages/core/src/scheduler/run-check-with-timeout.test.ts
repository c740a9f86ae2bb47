import { describe, expect, it } from 'vitest';
import { systemClock } from '../adapters/system-clock.js';
import type { CheckResult } from '../plugins/check-result.js';
import type { CheckInstance } from '../plugins/define-check.js';
import { describeAbort } from '../plugins/describe-abort.js';
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

  it('gives a check that reads its signal only after the timeout an aborted one', async () => {
    let later: AbortSignal | undefined;
    const result = await run(
      {
        run: (input) =>
          new Promise((resolve) =>
            setTimeout(() => {
              later = input.signal;
              resolve({ status: 'healthy' });
            }, 250),
          ),
      },
      200,
    );
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 200ms' });
    expect(later?.aborted).toBe(true);
    expect(later?.reason).toEqual(new Error('timeout after 200ms'));
  });

  it('refuses something that is not a result', async () => {
    const result = await run({ run: async () => 'yes' as never });
    expect(result).toMatchObject({ status: 'failed', reason: 'probe returned "yes" instead of a result' });
  });
});

describe('runCheckWithTimeout, when the plugin explains its abort', () => {
  const hangs = (onAbort: (signal: AbortSignal, resolve: (r: CheckResult) => void, reject: (e: unknown) => void) => void): CheckInstance => ({
    run: ({ signal }) => new Promise((resolve, reject) => signal.addEventListener('abort', () => onAbort(signal, resolve, reject))),
  });

  it('keeps the reason a plugin rejects with after the abort', async () => {
    const result = await run(hangs((_signal, _resolve, reject) => reject(new Error('hung during the login handshake'))));
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 200ms: hung during the login handshake' });
    expect(result.details).toEqual({ code: 'EXAPLUG_CHECK_TIMEOUT' });
  });

  it('keeps the reason a plugin resolves with after the abort, without repeating the timeout', async () => {
    expect(await run(hangs((_signal, resolve) => resolve({ status: 'failed', reason: 'no greeting from the server' })))).toMatchObject({
      reason: 'timeout after 200ms: no greeting from the server',
    });
    expect(await run(hangs((signal, resolve) => resolve({ status: 'failed', reason: describeAbort(signal) })))).toMatchObject({
      reason: 'aborted: timeout after 200ms',
    });
  });

  it('says only "timeout" when the plugin rethrows the abort itself', async () => {
    expect(await run(hangs((signal, _resolve, reject) => reject(signal.reason)))).toMatchObject({ reason: 'timeout after 200ms' });
    expect(await run(hangs((_signal, _resolve, reject) => reject(new DOMException('aborted', 'AbortError'))))).toMatchObject({
      reason: 'timeout after 200ms',
    });
  });

  it('gives the check its timeout, so it needs no timeout option of its own', async () => {
    let seen: number | undefined;
    await run({
      run: async ({ timeoutMs }) => {
        seen = timeoutMs;
        return { status: 'healthy' };
      },
    });
    expect(seen).toBe(200);
  });
});
