import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from './prepare-services.js';

const exec = (command: string) => ({ use: 'exec', with: { command } });

async function prepare(check: unknown) {
  const config = parseConfig({ services: { web: { ips: ['192.0.2.1'], check } } }, undefined, '/tmp');
  return prepareServices(config, silentLogger);
}

describe('composite checks', () => {
  it('runs every part and combines them, naming the parts that fell', async () => {
    const [service] = await prepare({ quorum: 2, of: [exec('true'), exec('true'), exec('exit 3')] });
    expect(service?.checkName).toBe('quorum(exec, exec#2, exec#3)');
    const result = await service?.check.run({ signal: new AbortController().signal, timeoutMs: 5000 });
    expect(result).toMatchObject({ status: 'healthy', reason: expect.stringMatching(/^2\/3 healthy, quorum 2: exec#3 failed/) });
    expect((result?.details?.parts as unknown[]).length).toBe(3);
  });

  it('keeps the other parts when one hangs past the timeout', async () => {
    const [service] = await prepare({ any: [exec('sleep 5'), exec('true')] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await service?.check.run({ signal: controller.signal, timeoutMs: 200 });
    expect(result).toMatchObject({ status: 'healthy', reason: expect.stringMatching(/exec failed/) });
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
