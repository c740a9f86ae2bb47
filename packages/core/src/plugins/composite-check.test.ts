import { describe, expect, it } from 'vitest';
import { systemClock } from '../adapters/system-clock.js';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import type { CheckCombination } from '../health/check-combination.js';
import { silentLogger } from '../logger.js';
import { runCheckWithTimeout } from '../scheduler/run-check-with-timeout.js';
import { failed, healthy } from './check-result.js';
import { createCompositeCheck } from './composite-check.js';
import type { CheckInstance, CheckRunInput } from './define-check.js';
import { prepareServices } from '../loading/prepare-services.js';

const exec = (command: string) => ({ use: 'exec', with: { command } });

async function prepare(check: unknown) {
  const config = parseConfig({ services: { web: { ips: ['192.0.2.1'], check } } }, undefined, '/tmp');
  return prepareServices(config, silentLogger);
}

describe('composite checks', () => {
  it('runs every part it needs and combines them, naming the parts that fell', async () => {
    // The verdict hangs on the slow third part, so all three are awaited.
    const [service] = await prepare({ quorum: 2, of: [exec('true'), exec('exit 3'), exec('sleep 0.3')] });
    expect(service?.checkName).toBe('quorum(exec, exec#2, exec#3)');
    const result = await service?.check.run({ signal: new AbortController().signal, timeoutMs: 5000 });
    expect(result).toMatchObject({ status: 'healthy', reason: expect.stringMatching(/^2\/3 healthy, quorum 2: exec#2 failed/) });
    expect((result?.details?.parts as unknown[]).length).toBe(3);
  });

  it('keeps the other parts when one hangs past the round\'s signal', async () => {
    const [service] = await prepare({ all: [exec('true'), exec('sleep 5')] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('timeout after 200ms')), 200);
    const result = await service?.check.run({ signal: controller.signal });
    expect(result).toMatchObject({ status: 'failed', reason: '1/2 healthy: exec#2 failed (aborted: timeout after 200ms)' });
  });

  it('runs many parts without Node warning of a listener leak on the round\'s signal', async () => {
    const [service] = await prepare({ any: Array.from({ length: 20 }, () => ({ use: 'file', with: { path: '/' } })) });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const result = await service?.check.run({ signal: new AbortController().signal, timeoutMs: 5000 });
      expect(result?.status).toBe('healthy');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('validates each part with its own path, and the form itself', async () => {
    const problems = async (check: unknown) => {
      try {
        await prepare(check);
      } catch (error) {
        if (error instanceof ConfigError) return error.issues;
        throw error;
      }
      return [];
    };
    expect(await problems({ all: [exec('true'), { use: 'exec', with: { comand: 'true' } }] })).toContain(
      'services.web.check.all.1.with: unknown key "comand" (did you mean "command"?)',
    );
    expect(() => parseConfig({ services: { web: { ips: ['192.0.2.1'], check: { quorum: 3, of: [exec('true')] } } } }, undefined, '/tmp')).toThrow(
      /services\.web\.check\.quorum: quorum 3 is more than the 1 checks in of/,
    );
    expect(() => parseConfig({ services: { web: { ips: ['192.0.2.1'], check: { use: 'exec', all: [exec('true')] } } } }, undefined, '/tmp')).toThrow(
      /give exactly one of use/,
    );
  });
});

/** A part that never settles; it rejects on abort unless it `ignoresAbort` (a plugin bug). */
function hangingPart(options: { ignoresAbort?: boolean } = {}) {
  const seen: { input?: CheckRunInput } = {};
  const instance: CheckInstance = {
    run: (input) => {
      seen.input = input;
      return new Promise((_resolve, reject) => {
        if (!options.ignoresAbort) input.signal.addEventListener('abort', () => reject(input.signal.reason as Error));
      });
    },
  };
  return { seen, instance };
}

const passing: CheckInstance = { run: async () => healthy('status 200') };
const failing: CheckInstance = { run: async () => failed('exit 3') };

/** Runs a composite the way the runtime does: under runCheckWithTimeout, with a real clock. */
async function runComposite(combination: CheckCombination, parts: Array<[string, CheckInstance]>, timeoutMs = 1000) {
  const check = createCompositeCheck(combination, parts.map(([name, instance]) => ({ name, instance })));
  const started = performance.now();
  const result = await runCheckWithTimeout(check, { name: 'composite', timeoutMs, clock: systemClock });
  return { result, elapsedMs: performance.now() - started };
}

describe('composite checks decide on what they know', () => {
  it('answers any: [hang, pass] as soon as one part passes, and aborts the hung part', async () => {
    const hang = hangingPart();
    const { result, elapsedMs } = await runComposite({ mode: 'any' }, [['hang', hang.instance], ['pass', passing]]);
    expect(result).toMatchObject({ status: 'healthy', reason: expect.stringMatching(/^1\/2 healthy: hang not awaited/) });
    expect(elapsedMs).toBeLessThan(300);
    expect(hang.seen.input?.signal.aborted).toBe(true);
  });

  it('counts quorum 2 of [hang, pass, pass] healthy, even when the hung part ignores its abort', async () => {
    const hang = hangingPart({ ignoresAbort: true });
    const { result, elapsedMs } = await runComposite({ mode: 'quorum', quorum: 2 }, [['hang', hang.instance], ['a', passing], ['b', passing]]);
    expect(result.status).toBe('healthy');
    expect(elapsedMs).toBeLessThan(300);
    expect(hang.seen.input?.signal.aborted).toBe(true);
  });

  it('fails all: [pass, fail, hang] at once with the failing part\'s reason, and aborts the hung part', async () => {
    const hang = hangingPart();
    const { result, elapsedMs } = await runComposite({ mode: 'all' }, [['pass', passing], ['fail', failing], ['hang', hang.instance]]);
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('fail failed (exit 3)') });
    expect(result.reason).not.toMatch(/hang failed/);
    expect(elapsedMs).toBeLessThan(300);
    expect(hang.seen.input?.signal.aborted).toBe(true);
  });

  it('fails quorum 2 of [fail, fail, hang] once the quorum cannot be reached', async () => {
    const hang = hangingPart();
    const { result, elapsedMs } = await runComposite({ mode: 'quorum', quorum: 2 }, [['x', failing], ['y', failing], ['hang', hang.instance]]);
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^0\/3 healthy, quorum 2: x failed/) });
    expect(elapsedMs).toBeLessThan(300);
    expect(hang.seen.input?.signal.aborted).toBe(true);
  });

  it('gives each part its own deadline, inside the round\'s, so a hung part is a failed part and not a timed-out round', async () => {
    const hang = hangingPart({ ignoresAbort: true });
    const { result, elapsedMs } = await runComposite({ mode: 'all' }, [['pass', passing], ['hang', hang.instance]], 500);
    expect(result).toMatchObject({ status: 'failed', reason: '1/2 healthy: hang failed (timeout after 450ms)' });
    expect(hang.seen.input?.timeoutMs).toBe(450);
    expect(elapsedMs).toBeLessThan(500);
  });

  it('waits for a degraded any: part only until another part could still make it healthy', async () => {
    const hang = hangingPart();
    const degradedPart: CheckInstance = { run: async () => ({ status: 'degraded', reason: 'slow' }) };
    const { result } = await runComposite({ mode: 'any' }, [['slow', degradedPart], ['hang', hang.instance]], 300);
    expect(result).toMatchObject({ status: 'degraded', reason: expect.stringContaining('hang failed (timeout after 270ms)') });
  });
});
