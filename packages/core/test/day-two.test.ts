import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { pickFreePort } from '@exaplug/test-support/tcp-servers';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun, runExaplug } from './e2e-support.js';

/**
 * Day two, live: a real ExaBGP 4.2 runs exaplug and peers with a real BIRD 2. The control
 * socket (status, drain, undrain, recheck, reload) is driven by the CLI a person types,
 * the metrics are scraped over HTTP, and BIRD's table and update counters are the judge.
 */
describe('day two under a real ExaBGP 4.2 and BIRD 2', () => {
  let dir: string;
  let bird: BirdHandle;
  let exabgp: ExabgpHandle;
  let metricsPort: number;
  const socket = () => join(dir, 'control.sock');
  const config = () => join(dir, 'exaplug.yaml');

  const yaml = (services: string) => `stateDir: ${dir}/state
control: { socket: ${dir}/control.sock }
metrics: { listen: '127.0.0.1:${metricsPort}' }
allowedPrefixes: ['2001:db8:30::/48 le 128']
drain: { withdrawAfter: 1s }
defaults: { interval: 300ms, fastInterval: 300ms, rise: 1, fall: 1, minDwell: 0 }
services:
${services}`;
  const web = `  web:\n    ips: [2001:db8:30::1, 2001:db8:30::2]\n    check: { use: exec, with: { command: "true" } }\n    strategy: { use: rotate, with: { node: 0, nodes: 2 } }\n`;
  const api = `  api:\n    ips: [2001:db8:30::3]\n    check: { use: exec, with: { command: "true" } }\n`;

  const exaplug = (...args: string[]) => runExaplug(...args, '--socket', socket());


  async function table(): Promise<Record<string, { med: number | undefined; communities: string | undefined }>> {
    const routes = await bird.routesFrom('exa6');
    return Object.fromEntries(routes.map((route) => [route.prefix, { med: route.med, communities: route.communities }]));
  }

  async function statusReport() {
    const result = await exaplug('status', '--json');
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as {
      state: string;
      services: Array<{ name: string; drained: string | false; routes: Array<{ prefix: string; action: string; med?: number }> }>;
    };
  }

  /** exaplug's view (status) must equal BIRD's table: same prefixes, same MEDs. */
  async function expectStatusMatchesBird(what: string) {
    await waitFor(
      async () => {
        const report = await statusReport();
        const written = Object.fromEntries(
          report.services.flatMap((service) => service.routes.filter((route) => route.action === 'announce').map((route) => [route.prefix, route.med])),
        );
        const held = Object.fromEntries(Object.entries(await table()).map(([prefix, route]) => [prefix, route.med]));
        return JSON.stringify(Object.entries(written).sort()) === JSON.stringify(Object.entries(held).sort());
      },
      { timeoutMs: 10_000, what: `${what}: exaplug status to match BIRD (BIRD has ${JSON.stringify(await table())})` },
    );
  }

  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-day2-'));
    metricsPort = await pickFreePort(['127.0.0.1']);
    await writeFile(config(), yaml(web));
    bird = await startBird({ neighbors: [{ name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 }] });
    exabgp = await startExabgp({
      run: exaplugRun(config()),
      neighbors: [{ peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port }],
    });
    await waitFor(() => bird.isEstablished('exa6'), { timeoutMs: 15_000, what: 'the session' });
    await waitFor(async () => Object.keys(await table()).length === 2, { timeoutMs: 15_000, what: 'both web routes' });
  }, 40_000);

  afterAll(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('status shows the services, routes as written and neighbors, and they match BIRD', async () => {
    const report = await statusReport();
    expect(report.state).toBe('running');
    expect(report.services.map((service) => service.name)).toEqual(['web']);
    await expectStatusMatchesBird('at start');
    const text = await exaplug('status');
    expect(text.stdout).toMatch(/web\s+up\s+up\s+2001:db8:30::1\/128 med 101, 2001:db8:30::2\/128 med 100/);
    expect(text.stdout).toMatch(/::1\s+up/);
  }, 30_000);

  it('serves Prometheus metrics on loopback during the run', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain('exaplug_service_health_state{service="web",state="up"} 1');
    expect(body).toContain('exaplug_route_med{service="web",prefix="2001:db8:30::2/128"} 100');
    expect(body).toContain('exaplug_neighbor_up{peer="::1"} 1');
    expect(body).toMatch(/exaplug_check_results_total\{service="web",status="healthy"\} \d+/);
    expect(body).toMatch(/exaplug_check_duration_seconds_bucket\{le="0\.1",service="web",status="healthy"\} \d+/);
    expect(body).toMatch(/exaplug_process_resident_memory_bytes \d+/);
  }, 30_000);

  it('reloads a changed config without a single update for the unchanged service', async () => {
    const before = await bird.importCounts('exa6');
    await writeFile(config(), yaml(web + api));
    const reload = await exaplug('reload');
    expect(reload.stderr).toBe('');
    expect(reload.stdout).toContain('kept: web');
    expect(reload.stdout).toContain('added: api');
    await waitFor(async () => (await table())['2001:db8:30::3/128']?.med === 100, { timeoutMs: 10_000, what: 'the new service' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await bird.importCounts('exa6');
    // Exactly the new route: web's two routes were not sent again.
    expect(after.updates - before.updates).toBe(1);
    expect(after.withdraws - before.withdraws).toBe(0);
    await expectStatusMatchesBird('after the reload');
  }, 30_000);

  it('refuses a bad config on reload and keeps running the old one', async () => {
    await writeFile(config(), yaml(`${web}    rise: 0\n`));
    const reload = await exaplug('reload');
    expect(reload.code).toBe(1);
    expect(reload.stderr).toMatch(/services\.web\.rise/);
    expect((await statusReport()).services.map((service) => service.name)).toEqual(['web', 'api']);
    await writeFile(config(), yaml(web + api));
  }, 30_000);

  it('recheck runs a round now: a service checked hourly moves to its down MED at once', async () => {
    const upFile = join(dir, 'db-up');
    await writeFile(upFile, '');
    const db = `  db:\n    ips: [2001:db8:30::4]\n    interval: 1h\n    check: { use: file, with: { path: ${upFile} } }\n`;
    const med = async () => (await table())['2001:db8:30::4/128']?.med;
    await writeFile(config(), yaml(web + api + db));
    expect((await exaplug('reload')).stdout).toContain('added: db');
    await waitFor(async () => (await med()) === 100, { timeoutMs: 10_000, what: 'db announced up' });
    await rm(upFile);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await med()).toBe(100); // the next round is an hour away
    const recheck = await exaplug('recheck', 'db');
    expect(recheck.code).toBe(0);
    await waitFor(async () => ((await med()) ?? 0) >= 1000, { timeoutMs: 5000, what: 'db at its down MED after recheck' });
    await expectStatusMatchesBird('after recheck');
    await writeFile(config(), yaml(web + api));
    expect((await exaplug('reload')).stdout).toContain('removed: db');
    await waitFor(async () => (await med()) === undefined, { timeoutMs: 10_000, what: 'db withdrawn when removed' });
  }, 40_000);

  it('drains with GRACEFUL_SHUTDOWN seen in BIRD, then withdraws; undrain brings it back', async () => {
    const drain = await exaplug('drain', 'api', '--wait');
    expect(drain.stdout).toContain('drained: api');
    // --wait returned after the withdraw: BIRD saw the community first (counted below), then the withdraw.
    await waitFor(async () => (await table())['2001:db8:30::3/128'] === undefined, { timeoutMs: 5000, what: 'the drained route withdrawn' });
    expect(exabgp.output()).toMatch(/announce route 2001:db8:30::3\/128 next-hop self med 500 community \[65535:0\]/);
    expect((await statusReport()).services.find((service) => service.name === 'api')?.drained).toBe('withdrawn');
    expect(Object.keys(await table())).toEqual(expect.arrayContaining(['2001:db8:30::1/128', '2001:db8:30::2/128']));
    await exaplug('undrain', 'api');
    await waitFor(async () => (await table())['2001:db8:30::3/128']?.med === 100, { timeoutMs: 10_000, what: 'api back after undrain' });
    await expectStatusMatchesBird('after undrain');
  }, 30_000);

  it('keeps a drain across a restart of exaplug (on disk)', async () => {
    const drain = await exaplug('drain', 'api');
    expect(drain.code).toBe(0);
    await waitFor(async () => (await table())['2001:db8:30::3/128']?.communities?.includes('(65535,0)'), {
      timeoutMs: 5000,
      what: 'GRACEFUL_SHUTDOWN on the drained route in BIRD',
    });
    expect((await table())['2001:db8:30::3/128']?.med).toBe(500);
    const [first] = await exabgp.children();
    process.kill(first as number, 'SIGKILL');
    await waitFor(async () => {
      const children = await exabgp.children();
      return children.length === 1 && children[0] !== first;
    }, { timeoutMs: 5000, what: 'the respawn' });
    await waitFor(async () => (await statusReport().catch(() => undefined))?.services.find((s) => s.name === 'api')?.drained !== undefined, {
      timeoutMs: 10_000,
      what: 'the respawned exaplug to answer',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await statusReport()).services.find((service) => service.name === 'api')?.drained).not.toBe(false);
    await exaplug('undrain', 'api');
  }, 40_000);

  it('drain --all --wait --stop moves every route off before ExaBGP is stopped, as an ExecStop would', async () => {
    await waitFor(async () => Object.keys(await table()).length === 3, { timeoutMs: 10_000, what: 'all three routes back' });
    const drain = await exaplug('drain', '--all', '--wait', '--stop');
    expect(drain.stdout).toContain('drained: web, api');
    // Returned only once ExaBGP acknowledged the withdraws (drain.withdrawAfter 1s): BIRD
    // holds nothing of ours while the session is still up, so stopping ExaBGP drops no traffic.
    expect(await bird.isEstablished('exa6')).toBe(true);
    await waitFor(async () => Object.keys(await table()).length === 0, { timeoutMs: 2000, what: 'every route withdrawn before the stop' });
    await exabgp.stop('SIGTERM');
    expect(await table()).toEqual({});
  }, 40_000);

  it('comes back serving after that stop: a drain for a stop is not kept (issue 18 §2)', async () => {
    exabgp = await startExabgp({ run: exaplugRun(config()), neighbors: [{ peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port }] });
    await waitFor(async () => Object.keys(await table()).length === 3, { timeoutMs: 15_000, what: 'every route announced again after the restart' });
    expect((await statusReport()).services.map((service) => service.drained)).toEqual([false, false]);
    expect(exabgp.output()).not.toMatch(/starting drained/);
  }, 40_000);
});
