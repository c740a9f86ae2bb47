import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from '../loading/prepare-services.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { ExabgpProcess, type ExabgpProcessOptions, type ReloadOutcome } from './exabgp-process.js';

const valid = { services: { web: { ips: ['192.0.2.1/32'], check: { use: 'exec', with: { command: 'true' } }, rise: 1 } } };

/** A shell whose config is valid or not, as the test says, on a fake clock. */
function createShell(first: Record<string, unknown> | 'invalid', extra: Partial<ExabgpProcessOptions> = {}) {
  const clock = new FakeClock();
  const logger = createRecordingLogger();
  let config = first;
  const shell = new ExabgpProcess({
    logger: { ...logger, fatal: logger.error },
    sink: { writeLine: () => {}, flushed: async () => {}, closed: false },
    clock,
    async load(neighbors) {
      if (config === 'invalid') throw new ConfigError('EXAPLUG_CONFIG_INVALID', '/etc/exaplug/web.yaml', ['services.web.rise: too small']);
      const parsed = parseConfig(config, undefined, '/tmp');
      const services = await prepareServices(parsed, silentLogger, { neighbors });
      for (const service of services) service.check = { run: async () => ({ status: 'healthy' }) };
      return { config: parsed, services };
    },
    ...extra,
  });
  const outcomes: ReloadOutcome[] = [];
  shell.onReloaded((outcome) => outcomes.push(outcome));
  return { shell, clock, outcomes, setConfig: (next: Record<string, unknown> | 'invalid') => (config = next) };
}

describe('the ExabgpProcess while idle', () => {
  it('says in its status why it is idle, since when, and that it leaves the routes without an idle mode', async () => {
    const { shell, clock } = createShell('invalid');
    shell.start();
    await clock.advance(0);
    await clock.advance(5000);
    expect(shell.status.idle).toEqual({
      problem: 'config',
      reasons: ['services.web.rise: too small'],
      sinceSeconds: 5,
      routes: { action: 'none', why: 'no idle mode: the routes a previous exaplug left stay as they are' },
    });
  });

  it('asks the idle mode what it does with the routes a previous exaplug left', async () => {
    const routes = { action: 'withdraw', afterSeconds: 30, inSeconds: 25 } as const;
    const { shell, clock } = createShell('invalid', { createIdleMode: () => ({ receiveLine: () => {}, stop: () => {}, describeRoutes: () => routes }) });
    shell.start();
    await clock.advance(0);
    expect(shell.status.idle?.routes).toEqual(routes);
  });

  it('says why for a bad run line, where no config was read', async () => {
    const { shell, clock } = createShell(valid, { startupError: 'exaplug run: Nonexistent flag: --confg' });
    shell.start();
    await clock.advance(0);
    expect(shell.status.idle).toMatchObject({ problem: 'startup', reasons: ['exaplug run: Nonexistent flag: --confg'], routes: { action: 'none' } });
  });

  it('refuses a reload from idle while the config is still invalid, with its problems, and stays idle', async () => {
    const { shell, clock, outcomes } = createShell('invalid');
    shell.start();
    await clock.advance(0);
    await expect(shell.reloadNow()).rejects.toThrow(/services\.web\.rise: too small/);
    expect(shell.state).toBe('idle');
    expect(outcomes).toEqual(['refused']);
  });

  it('answers a reload from idle once the fixed config runs, and drops its idle status', async () => {
    const { shell, clock, outcomes, setConfig } = createShell('invalid');
    shell.start();
    await clock.advance(0);
    setConfig(valid);
    await expect(shell.reloadNow()).resolves.toEqual({ started: true });
    expect(shell.state).toBe('running');
    expect(shell.status.idle).toBeUndefined();
    expect(outcomes).toEqual(['applied']);
  });

  it('tells whether the last load of the config succeeded, and counts each reload by outcome', async () => {
    const { shell, clock, outcomes, setConfig } = createShell(valid);
    expect(shell.configValid).toBeUndefined();
    shell.start();
    await clock.advance(0);
    expect(shell.configValid).toBe(true);
    setConfig('invalid');
    await expect(shell.reloadNow()).rejects.toThrow();
    expect(shell.configValid).toBe(false);
    expect(shell.state).toBe('running');
    setConfig(valid);
    await shell.reloadNow();
    expect(shell.configValid).toBe(true);
    const busy = shell.reloadNow();
    await expect(shell.reloadNow()).rejects.toThrow(/cannot reload while reloading/);
    await busy;
    expect(outcomes).toEqual(['refused', 'applied', 'skipped', 'applied']);
  });
});
