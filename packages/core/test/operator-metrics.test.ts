import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickFreePort } from '@exaplug/test-support/tcp-servers';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, runExaplug } from './e2e-support.js';
import { runUnderFakeExabgp, type ExaplugUnderFakeExabgp } from './fake-exabgp.js';

/** The metrics an operator alerts on, scraped from a real `exaplug run` (a fake ExaBGP 4.2 on its pipes). */
describe('metrics an operator alerts on', () => {
  let dir: string;
  let port: number;
  let exaplug: ExaplugUnderFakeExabgp;
  const config = () => join(dir, 'web.yaml');
  const yaml = (extra = '') =>
    `control: { socket: ${join(dir, 'web.sock')} }\nstateDir: ${join(dir, 'state')}\nmetrics: { listen: '127.0.0.1:${port}' }\n` +
    `defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1, minDwell: 0 }\n` +
    `services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { command: "true" } }\n${extra}`;
  const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-metrics-'));
    port = await pickFreePort(['127.0.0.1']);
    await writeFile(config(), yaml());
    exaplug = runUnderFakeExabgp(config());
    await waitFor(() => exaplug.commands.some((line) => line.startsWith('announce route 192.0.2.1/32')), { timeoutMs: 15_000, what: 'the announcement' });
  }, 30_000);
  afterAll(async () => {
    await exaplug?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the build, the config validity, drains and the seconds in each state', async () => {
    const text = await scrape();
    expect(text).toMatch(/^exaplug_config_valid 1$/m);
    expect(text).toMatch(/exaplug_build_info\{version="[^"]+",exabgp_version="4\.2\.21",exabgp_dialect="neighbor"\} 1/);
    expect(text).toContain('exaplug_service_drained{service="web"} 0');
    expect(text).toMatch(/exaplug_service_state_seconds\{service="web",state="up"\} [\d.]+/);
    expect(text).toContain('exaplug_route_divergences_total');
    expect((await runExaplug('drain', 'web', '--config', config())).code).toBe(0);
    await waitFor(async () => (await scrape()).includes('exaplug_service_drained{service="web"} 1'), { timeoutMs: 5000, what: 'the drain in the metrics' });
    expect((await runExaplug('undrain', 'web', '--config', config())).code).toBe(0);
  }, 30_000);

  it('counts reloads by outcome, and the config is invalid after a refused one until a good one', async () => {
    await writeFile(config(), yaml('    rise: 0\n'));
    expect((await runExaplug('reload', '--config', config())).code).toBe(1);
    let text = await scrape();
    expect(text).toContain('exaplug_config_reloads_total{outcome="refused"} 1');
    expect(text).toMatch(/^exaplug_config_valid 0$/m);
    await writeFile(config(), yaml());
    expect((await runExaplug('reload', '--config', config())).code).toBe(0);
    text = await scrape();
    expect(text).toContain('exaplug_config_reloads_total{outcome="applied"} 1');
    expect(text).toMatch(/^exaplug_config_valid 1$/m);
  }, 30_000);
});
