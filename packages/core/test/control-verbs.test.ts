import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickFreePort } from '@exaplug/test-support/tcp-servers';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, runExaplug } from './e2e-support.js';
import { runUnderFakeExabgp, type ExaplugUnderFakeExabgp } from './fake-exabgp.js';

const timing = 'defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1, minDwell: 0 }\n';
const service = (name: string, ip: string) => `  ${name}:\n    ips: [${ip}]\n    check: { use: exec, with: { command: "true" } }\n`;

/**
 * The control verbs against real `exaplug run` processes (a fake ExaBGP on their pipes):
 * the right exaplug answers, says who it is, and an idle one still answers.
 */
describe('control verbs reach the right exaplug', () => {
  let dir: string;
  const running: ExaplugUnderFakeExabgp[] = [];
  const runDir = () => join(dir, 'run');
  const configOf = (name: string) => join(dir, `${name}.yaml`);
  const yamlOf = (name: string, services: string, extra = '') =>
    `control: { socket: ${join(runDir(), `${name}.sock`)} }\nstateDir: ${join(dir, `state-${name}`)}\n${timing}${extra}services:\n${services}`;

  async function start(name: string, yaml: string, until: (exaplug: ExaplugUnderFakeExabgp) => boolean) {
    await writeFile(configOf(name), yaml);
    const exaplug = runUnderFakeExabgp(configOf(name));
    running.push(exaplug);
    await waitFor(() => until(exaplug), { timeoutMs: 15_000, what: `exaplug ${name} (stderr: ${exaplug.stderr().slice(-500)})` });
    return exaplug;
  }
  const announced = (ip: string) => (exaplug: ExaplugUnderFakeExabgp) => exaplug.commands.some((line) => line.startsWith(`announce route ${ip}`));

  let web: ExaplugUnderFakeExabgp;
  let dns: ExaplugUnderFakeExabgp;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-verbs-'));
    web = await start('web', yamlOf('web', service('web', '192.0.2.1/32')), announced('192.0.2.1/32'));
    dns = await start('dns', yamlOf('dns', service('dns', '192.0.2.53/32')), announced('192.0.2.53/32'));
  }, 40_000);
  afterAll(async () => {
    await Promise.all(running.map((exaplug) => exaplug.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a verb whose --config cannot be read fails with the reason and asks no exaplug', async () => {
    const typo = join(dir, 'live-typo.yaml');
    const result = await runExaplug('reload', '--config', typo);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(typo);
    expect(result.stderr).toContain('file not found');
  }, 20_000);

  it('every verb says which exaplug answered: its pid and config', async () => {
    for (const verb of [['status'], ['drain', 'web'], ['undrain', 'web'], ['recheck', 'web'], ['reload']]) {
      const result = await runExaplug(...verb, '--config', configOf('web'));
      expect(result.stderr, verb.join(' ')).toBe('');
      expect(result.code, verb.join(' ')).toBe(0);
      expect(result.stdout, verb.join(' ')).toContain(`pid ${web.pid}`);
      expect(result.stdout, verb.join(' ')).toContain(configOf('web'));
    }
  }, 30_000);

  it('a config that no longer validates still reaches the exaplug that loaded it', async () => {
    await writeFile(configOf('web'), yamlOf('web', `${service('web', '192.0.2.1/32')}    rise: 0\n`));
    try {
      const status = await runExaplug('status', '--config', configOf('web'), '--json');
      expect(status.stderr).toBe('');
      expect(JSON.parse(status.stdout)).toMatchObject({ pid: web.pid, state: 'running' });
      const reload = await runExaplug('reload', '--config', configOf('web'));
      expect(reload.code).toBe(1);
      expect(reload.stderr).toMatch(/services\.web\.rise/);
    } finally {
      await writeFile(configOf('web'), yamlOf('web', service('web', '192.0.2.1/32')));
    }
  }, 20_000);

  it('a socket another config names answers only for its own config', async () => {
    const other = join(dir, 'other.yaml');
    await writeFile(other, `control: { socket: ${join(runDir(), 'web.sock')} }\nservices:\n${service('api', '192.0.2.80/32')}`);
    const reloads = () => web.stderr().split('reload: validating').length;
    const before = reloads();
    const reload = await runExaplug('reload', '--config', other);
    expect(reload.code).toBe(1);
    expect(reload.stderr).toContain(configOf('web'));
    expect(reload.stdout).toBe('');
    expect(reloads()).toBe(before);
  }, 20_000);

  it('a verb given the socket directory reaches every exaplug there, and a named service reaches its own', async () => {
    const status = await runExaplug('status', '--socket', runDir(), '--json');
    expect(status.stderr).toBe('');
    const reports = JSON.parse(status.stdout) as Array<{ pid: number }>;
    expect(reports.map((report) => report.pid).sort()).toEqual([web.pid, dns.pid].sort());
    const drain = await runExaplug('drain', '--all', '--socket', runDir());
    expect(drain.code).toBe(0);
    expect(drain.stdout).toContain('drained: web');
    expect(drain.stdout).toContain('drained: dns');
    const undrain = await runExaplug('undrain', 'dns', '--socket', runDir());
    expect(undrain.code).toBe(0);
    expect(undrain.stdout).toContain('undrained: dns');
    expect(undrain.stdout).toContain(`pid ${dns.pid}`);
    expect(undrain.stdout).not.toContain(`pid ${web.pid}`);
    const unknown = await runExaplug('undrain', 'nope', '--socket', runDir());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/nope/);
    await runExaplug('undrain', '--all', '--socket', runDir());
  }, 30_000);

  it('an exaplug idle on an invalid config answers status (why, and what it does with the old routes) and /metrics', async () => {
    const port = await pickFreePort(['127.0.0.1']);
    const extra = `metrics: { listen: '127.0.0.1:${port}' }\nallowedPrefixes: ['192.0.2.0/24 le 32']\nonInvalidConfig: { action: withdraw, after: 30s }\n`;
    const idle = await start('idle', yamlOf('idle', `${service('web', '192.0.2.9/32')}    rise: 0\n`, extra), (exaplug) => exaplug.stderr().includes('exaplug is idle'));
    const status = await waitFor(
      async () => {
        const result = await runExaplug('status', '--config', configOf('idle'));
        return result.code === 0 && result;
      },
      { timeoutMs: 10_000, what: 'status from the idle exaplug' },
    );
    expect(status.stdout).toContain(`pid ${idle.pid}: idle`);
    expect(status.stdout).toContain(configOf('idle'));
    expect(status.stdout).toMatch(/services\.web\.rise/);
    expect(status.stdout).toMatch(/withdrawn in \d+s unless the config is fixed/);
    expect(status.stdout).toContain('onInvalidConfig: withdraw after 30s');
    const json = JSON.parse((await runExaplug('status', '--config', configOf('idle'), '--json')).stdout) as { idle?: { routes: { action: string } } };
    expect(json.idle?.routes.action).toBe('withdraw');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('exaplug_config_valid 0');
    expect(metrics).toMatch(/exaplug_build_info\{version="[^"]+",exabgp_version="unknown",exabgp_dialect="unknown"\} 1/);
  }, 30_000);
});
