import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickFreePort } from '@exaplug/test-support/tcp-servers';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt } from './e2e-support.js';
import { runUnderFakeExabgp, type ExaplugUnderFakeExabgp } from './fake-exabgp.js';

const rulesDir = fileURLToPath(new URL('../../../deploy/prometheus/', import.meta.url));

interface Alert {
  labels: Record<string, string>;
  state: string;
}

/** The shipped rules firing in a real Prometheus (loopback only) that scrapes a live exaplug whose check is a file. */
describe('the shipped alerts in a real Prometheus', () => {
  let dir: string;
  let exaplug: ExaplugUnderFakeExabgp;
  let prometheus: ChildProcess;
  let prometheusLog = '';
  let apiPort: number;
  const healthFile = () => join(dir, 'healthy');
  const alerts = async (): Promise<Alert[]> => {
    const body = (await (await fetch(`http://127.0.0.1:${apiPort}/api/v1/alerts`)).json()) as { data: { alerts: Alert[] } };
    return body.data.alerts;
  };
  const serviceDown = async () => (await alerts()).find((alert) => alert.labels.alertname === 'ExaplugServiceDown' && alert.labels.service === 'web');

  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-prometheus-live-'));
    const [metricsPort, port] = [await pickFreePort(['127.0.0.1']), await pickFreePort(['127.0.0.1'])];
    apiPort = port;
    await writeFile(healthFile(), '');
    await writeFile(
      join(dir, 'web.yaml'),
      `control: { socket: ${join(dir, 'web.sock')} }\nstateDir: ${join(dir, 'state')}\nmetrics: { listen: '127.0.0.1:${metricsPort}' }\n` +
        `defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1, minDwell: 0 }\n` +
        `services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: file, with: { path: ${healthFile()} } }\n`,
    );
    exaplug = runUnderFakeExabgp(join(dir, 'web.yaml'));
    // The shipped rules as they are, but every `for:` shortened to 1s so the test runs in seconds.
    for (const file of ['exaplug-alerts.rules.yml', 'exaplug-recording.rules.yml']) {
      const rules = await readFile(join(rulesDir, file), 'utf8');
      await writeFile(join(dir, file), rules.replace(/^(\s+for:) \S+$/gm, '$1 1s'));
    }
    await writeFile(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: ['${dir}/exaplug-*.rules.yml']\n` +
        `scrape_configs:\n  - job_name: exaplug\n    static_configs: [{ targets: ['127.0.0.1:${metricsPort}'] }]\n`,
    );
    await mkdir(join(dir, 'data'));
    prometheus = spawn('/usr/bin/prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${apiPort}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
    await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${apiPort}/api/v1/query?query=exaplug_service_health_state%7Bstate%3D%22up%22%7D`).catch(() => undefined);
        const body = (await response?.json()) as { data?: { result: { value: [number, string] }[] } } | undefined;
        return body?.data?.result[0]?.value[1] === '1';
      },
      { timeoutMs: 30_000, what: 'Prometheus scraping web as up' },
    );
  }, 45_000);
  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (prometheus && prometheus.exitCode === null) await new Promise((resolve) => prometheus.once('exit', resolve));
    await exaplug?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fires ExaplugServiceDown when the file goes, and resolves when it is back', async () => {
    expect(await serviceDown()).toBeUndefined();
    await rm(healthFile());
    await waitFor(async () => (await serviceDown())?.state === 'firing', { timeoutMs: 20_000, what: `ExaplugServiceDown firing\n${prometheusLog.slice(-2000)}` });
    expect((await serviceDown())?.labels).toMatchObject({ severity: 'warning', job: 'exaplug', service: 'web', state: 'down' });
    await writeFile(healthFile(), '');
    await waitFor(async () => (await serviceDown()) === undefined, { timeoutMs: 20_000, what: 'ExaplugServiceDown resolved' });
  }, 45_000);
});
