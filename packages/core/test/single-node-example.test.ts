import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startDnsServer, type DnsServerHandle } from '@exaplug/test-support/dns-server';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { startNginx, type NginxHandle } from '@exaplug/test-support/nginx';
import { startPostgres, type PostgresHandle } from '@exaplug/test-support/postgres';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugBin, exaplugRun } from './e2e-support.js';

const run = promisify(execFile);
const example = new URL('../../../examples/single-node/exaplug.yaml', import.meta.url);
const web = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];

let dir: string;
let configPath: string;
let nginx: NginxHandle;
let postgres: PostgresHandle;
let dns: DnsServerHandle;
let bird: BirdHandle;
let exabgp: ExabgpHandle;

async function meds(prefixes: string[]) {
  return Promise.all(prefixes.map(async (prefix) => (await bird.routes(prefix))[0]?.med));
}

async function expectMeds(expected: Record<string, number>, what: string) {
  const prefixes = Object.keys(expected);
  await waitFor(async () => JSON.stringify(await meds(prefixes)) === JSON.stringify(Object.values(expected)), {
    timeoutMs: 20_000,
    what: `${what}: ${JSON.stringify(expected)} (BIRD has ${JSON.stringify(await meds(prefixes))})\n${exabgp.output().slice(-2000)}`,
  });
}

describe('examples/single-node under real ExaBGP + BIRD, with real nginx, PostgreSQL and dnsmasq', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-example-'));
    [nginx, postgres, dns] = await Promise.all([
      startNginx({ locations: 'location = /health { return 200 "ok\\n"; }' }),
      startPostgres(),
      startDnsServer({ zone: 'example.test', hosts: [{ name: 'ns.example.test', addresses: ['192.0.2.53'] }] }),
    ]);
    // The example as shipped, pointed at this run's ports and a private maintenance file.
    const config = (await readFile(example, 'utf8'))
      .replace('127.0.0.1:8080', `127.0.0.1:${nginx.httpPort}`)
      .replace('127.0.0.1:5432', `127.0.0.1:${postgres.port}`)
      .replace('127.0.0.1:5353', dns.address)
      .replace('/run/exaplug/dns.maintenance', join(dir, 'dns.maintenance'));
    configPath = join(dir, 'exaplug.yaml');
    await writeFile(configPath, config);
    bird = await startBird({
      neighbors: [
        { name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001 },
        { name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 },
      ],
    });
    exabgp = await startExabgp({
      run: exaplugRun(configPath),
      env: { EXAPLUG_PG_PASSWORD: postgres.password },
      neighbors: [
        { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port },
        { peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await exabgp?.stop('SIGKILL');
    await Promise.all([bird?.stop(), nginx?.stop(), postgres?.stop(), dns?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints a readable table with exaplug check', async () => {
    const { stdout } = await run(process.execPath, [exaplugBin, 'check', '--config', configPath], {
      env: { ...process.env, EXAPLUG_PG_PASSWORD: postgres.password },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^service\s+check\s+status\s+time\s+reason$/);
    expect(lines.slice(2).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ['web', 'http', 'healthy'],
      ['db', 'sql', 'healthy'],
      ['dns', 'dns', 'healthy'],
    ]);
  }, 30_000);

  it('announces every service with its own metrics', async () => {
    await expectMeds({ [web[0] as string]: 102, [web[1] as string]: 101, [web[2] as string]: 100, '2001:db8:31::1/128': 100, '192.0.2.53/32': 100 }, 'all up');
  }, 30_000);

  it('moves only the SQL service to the down MEDs when PostgreSQL stops, and back when it returns', async () => {
    await postgres.stopServer();
    await expectMeds({ '2001:db8:31::1/128': 1000 }, 'db down');
    expect(await meds([...web, '192.0.2.53/32'])).toEqual([102, 101, 100, 100]);
    await postgres.startServer();
    await expectMeds({ '2001:db8:31::1/128': 100 }, 'db back');
  }, 40_000);

  it('withdraws the DNS service when it goes down (withdrawOn: [down]) and drains it in maintenance', async () => {
    await writeFile(join(dir, 'dns.maintenance'), '');
    await expectMeds({ '192.0.2.53/32': 500 }, 'dns disabled');
    await rm(join(dir, 'dns.maintenance'));
    await expectMeds({ '192.0.2.53/32': 100 }, 'dns back from maintenance');
    await dns.stop();
    await waitFor(async () => (await bird.routes('192.0.2.53/32')).length === 0, { timeoutMs: 20_000, what: 'the DNS route to be withdrawn' });
    expect(await meds(web)).toEqual([102, 101, 100]);
  }, 60_000);
});
