import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { runInPluginScope } from '../plugins/plugin-scope.js';
import { prepareServices } from '../loading/prepare-services.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { ExabgpProcess, type ExabgpProcessOptions, type ProcessState } from './exabgp-process.js';
import type { IdleContext } from './idle-mode.js';

const stateUp =
  '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "state": "up" } }';
const shutdown = '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "type": "notification", "notification": "shutdown" }';

/** An ExabgpProcess on a fake clock, a recording sink and a config that loads or does not. */
function createShell(options: { config?: Record<string, unknown> | 'invalid'; extra?: Partial<ExabgpProcessOptions> } = {}) {
  const clock = new FakeClock();
  const logger = createRecordingLogger();
  const written: string[] = [];
  const states: ProcessState[] = [];
  let config = options.config ?? { services: { web: { ips: ['192.0.2.1/32'], check: { use: 'exec', with: { command: 'true' } }, rise: 1 } } };
  const shell = new ExabgpProcess({
    logger: { ...logger, fatal: logger.error },
    sink: { writeLine: (line) => void written.push(line), flushed: async () => {}, closed: false },
    clock,
    async load(neighbors) {
      if (config === 'invalid') throw new ConfigError('EXAPLUG_CONFIG_INVALID', '/etc/exaplug.yaml', ['services: at least one service is needed']);
      const parsed = parseConfig(config, undefined, '/tmp');
      const services = await prepareServices(parsed, silentLogger, { neighbors });
      for (const service of services) service.check = { run: async () => ({ status: 'healthy' }) };
      return { config: parsed, services };
    },
    ...options.extra,
  });
  shell.onStateChange((state) => states.push(state));
  const ack = () => shell.receiveLine('done');
  return {
    shell,
    clock,
    logger,
    written,
    states,
    ack,
    fixConfig: (next: Record<string, unknown>) => (config = next),
    /** Plays ExaBGP 4.2 with acks: answers the probe and every command written since the last call. */
    answer() {
      for (const line of written.splice(0)) {
        if (line === 'system version') shell.receiveLine('exabgp 4.2.21');
        ack();
      }
    },
    /** Answers the probe, then the startup query, so the checks run. */
    async handshake() {
      for (let i = 0; i < 2; i++) {
        this.answer();
        await clock.advance(10);
      }
    },
  };
}

describe('the ExabgpProcess lifecycle', () => {
  it('goes loading → running and announces', async () => {
    const harness = createShell();
    const { shell, clock, states, written } = harness;
    shell.start();
    await clock.advance(0);
    expect(shell.state).toBe('running');
    await harness.handshake();
    expect(written).toEqual(['announce route 192.0.2.1/32 next-hop self med 100']);
    expect(states).toEqual(['running']);
  });

  it('stays idle on an invalid config for as long as ExaBGP lives, reading lines, and never exits on its own', async () => {
    const { shell, clock, logger } = createShell({ config: 'invalid' });
    shell.start();
    await clock.advance(0);
    expect(shell.state).toBe('idle');
    for (let i = 0; i < 100; i++) shell.receiveLine(stateUp);
    await clock.advance(10 * 60_000);
    expect(shell.state).toBe('idle');
    expect(logger.records.some((r) => r.msg?.startsWith('exaplug is idle'))).toBe(true);
  });

  it('starts from idle on reload once the config is fixed, replaying the neighbor states it kept', async () => {
    const { shell, clock, fixConfig, answer, written } = createShell({ config: 'invalid' });
    shell.start();
    await clock.advance(0);
    shell.receiveLine(stateUp);
    fixConfig({
      defaults: { rise: 1 },
      services: { edge: { ips: ['192.0.2.9/32'], check: { use: 'neighbor', with: { peer: '127.0.0.1' } } } },
    });
    shell.reload();
    await clock.advance(0);
    expect(shell.state).toBe('running');
    expect(shell.status.services.map((s) => s.name)).toEqual(['edge']);
    answer();
    await clock.advance(10);
    answer();
    await clock.advance(10);
    expect(written).toContain('announce route 192.0.2.9/32 next-hop self med 100');
  });

  it('hands an idle mode the sink and every line, and stops it before running', async () => {
    const seen: string[] = [];
    let context: IdleContext | undefined;
    let stopped = false;
    const { shell, clock, fixConfig } = createShell({
      config: 'invalid',
      extra: {
        createIdleMode: (given) => {
          context = given;
          return { receiveLine: (line) => void seen.push(line), stop: () => void (stopped = true) };
        },
      },
    });
    shell.start();
    await clock.advance(0);
    expect(context?.problem).toBe('config');
    shell.receiveLine('done');
    expect(seen).toEqual(['done']);
    fixConfig({ services: { web: { ips: ['192.0.2.1/32'], check: { use: 'exec', with: { command: 'true' } } } } });
    shell.reload();
    await clock.advance(0);
    expect(stopped).toBe(true);
    expect(shell.state).toBe('running');
  });

  it('withdraws on a signal and exits 0 once the withdraws are acknowledged', async () => {
    const harness = createShell();
    const { shell, clock, answer, written, states } = harness;
    shell.start();
    await clock.advance(0);
    await harness.handshake();
    answer();
    shell.stop({ kind: 'signal', signal: 'SIGTERM' });
    await clock.advance(0);
    expect(written).toEqual(['withdraw route 192.0.2.1/32 next-hop self']);
    expect(shell.state).toBe('stopping');
    answer();
    await clock.advance(20);
    expect(await shell.exited).toBe(0);
    expect(states.slice(-2)).toEqual(['stopping', 'stopped']);
  });

  it('exits at once on a second stop request, without waiting for acks', async () => {
    const { shell, clock, answer, logger } = createShell();
    shell.start();
    await clock.advance(0);
    answer();
    await clock.advance(10);
    shell.stop({ kind: 'signal', signal: 'SIGTERM' });
    shell.stop({ kind: 'signal', signal: 'SIGTERM' });
    expect(shell.state).toBe('stopped');
    expect(await shell.exited).toBe(0);
    expect(logger.records.filter((r) => r.msg === 'stopping')).toHaveLength(1);
  });

  it('writes no withdraw and waits for no ack once ExaBGP has said it is shutting down', async () => {
    const { shell, clock, answer, written } = createShell();
    shell.start();
    await clock.advance(0);
    answer();
    await clock.advance(10);
    written.splice(0);
    shell.receiveLine(shutdown);
    await clock.advance(0);
    expect(shell.state).toBe('stopped');
    expect(written).toEqual([]);
  });

  it('ignores stdin EOF once stopping, instead of logging a second, false reason', async () => {
    const { shell, clock, logger } = createShell();
    shell.start();
    await clock.advance(0);
    shell.stop({ kind: 'exabgp-gone' });
    shell.inputEnded();
    await clock.advance(0);
    expect(logger.records.filter((r) => r.msg === 'stopping').map((r) => r.fields.reason)).toEqual(['stdin closed: exabgp is gone']);
  });

  it('waits until it has lived 16 s before a memory-limit exit, so ExaBGP never hits its respawn limit', async () => {
    const { shell, clock, answer } = createShell();
    shell.start();
    await clock.advance(0);
    answer();
    await clock.advance(1000);
    shell.stop({ kind: 'memory-limit' });
    answer();
    await clock.advance(1000);
    expect(shell.state).toBe('stopping');
    await clock.advance(14_000);
    expect(shell.state).toBe('stopped');
    expect(await shell.exited).toBe(1);
  });

  it('names the plugin an uncaught error came from', async () => {
    const { shell, clock, logger } = createShell();
    shell.start();
    await clock.advance(0);
    runInPluginScope({ service: 'web', plugin: 'exec' }, () => shell.reportUncaught('exception', new Error('boom')));
    expect(logger.records.at(-1)).toMatchObject({
      level: 'error',
      msg: 'uncaught exception (kept running)',
      fields: { service: 'web', plugin: 'exec' },
    });
  });
});
