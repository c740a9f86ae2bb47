// `npm start`: exaplug's main job on examples/single-node/exaplug.yaml, for real and on
// loopback only. Starts nginx, PostgreSQL, dnsmasq and a BIRD 2 route server, runs
// ExaBGP 4.2 with `exaplug run` as its process, prints what BIRD holds, stops PostgreSQL
// to show its routes moving to the down MED, starts it again, and tears everything down.
// Pass --keep to leave it running until Ctrl-C. Pass --config FILE to run your own config
// instead, under the same ExaBGP and BIRD (run-live-config.ts; docs/run-your-check-live.md).
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBird } from '@exaplug/test-support/bird';
import { startDnsServer } from '@exaplug/test-support/dns-server';
import { startExabgp } from '@exaplug/test-support/exabgp';
import { startNginx } from '@exaplug/test-support/nginx';
import { startPostgres } from '@exaplug/test-support/postgres';
import { waitFor } from '@exaplug/test-support/wait-for';
import { runLiveConfig } from './run-live-config.js';

const example = new URL('./exaplug.yaml', import.meta.url);
const bin = fileURLToPath(new URL('../../packages/core/bin/run.js', import.meta.url));
const prefixes = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128', '2001:db8:31::1/128', '192.0.2.53/32'];
const keep = process.argv.includes('--keep');
const say = (text: string) => process.stdout.write(`${text}\n`);

// `--config FILE` or `--config=FILE`, relative to where `npm start` was typed (npm's INIT_CWD).
const configAt = process.argv.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
if (configAt !== -1) {
  const arg = process.argv[configAt] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[configAt + 1];
  if (!value) {
    process.stderr.write('--config needs a file: npm start -- --config my.yaml\n');
    process.exit(2);
  }
  process.exit(await runLiveConfig(resolve(process.env.INIT_CWD ?? process.cwd(), value), bin, say));
}

const dir = await mkdtemp(join(tmpdir(), 'exaplug-demo-'));
const stops: Array<() => Promise<void>> = [];
const cleanup = async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  say('starting nginx, PostgreSQL, dnsmasq and BIRD on loopback…');
  const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }' });
  stops.push(() => nginx.stop());
  const postgres = await startPostgres();
  stops.push(() => postgres.stop());
  const dns = await startDnsServer({ zone: 'example.test', hosts: [{ name: 'ns.example.test', addresses: ['192.0.2.53'] }] });
  stops.push(() => dns.stop());
  const bird = await startBird({
    neighbors: [
      { name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001 },
      { name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 },
    ],
  });
  stops.push(() => bird.stop());

  const config = (await readFile(example, 'utf8'))
    .replace('127.0.0.1:8080', `127.0.0.1:${nginx.httpPort}`)
    .replace('127.0.0.1:5432', `127.0.0.1:${postgres.port}`)
    .replace('127.0.0.1:5353', dns.address)
    .replace('/run/exaplug/dns.maintenance', join(dir, 'dns.maintenance'));
  const configPath = join(dir, 'exaplug.yaml');
  await writeFile(configPath, config);
  say(`exaplug config: ${configPath} (examples/single-node/exaplug.yaml with this run's ports)`);

  const exabgp = await startExabgp({
    run: [process.execPath, bin, 'run', '--config', configPath],
    env: { EXAPLUG_PG_PASSWORD: postgres.password },
    neighbors: [
      { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port },
      { peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port },
    ],
  });
  stops.push(() => exabgp.stop('SIGTERM'));
  say('ExaBGP 4.2 started with `exaplug run` as its process; waiting for the checks to rise…');

  const table = async () => {
    const rows = await Promise.all(prefixes.map(async (prefix) => [prefix, (await bird.routes(prefix))[0]?.med ?? '-'] as const));
    return rows.map(([prefix, med]) => `  ${prefix.padEnd(20)} MED ${med}`).join('\n');
  };
  const settle = async (expected: Array<number | string>, what: string) => {
    await waitFor(
      async () => {
        const meds = await Promise.all(prefixes.map(async (prefix) => (await bird.routes(prefix))[0]?.med ?? '-'));
        return JSON.stringify(meds) === JSON.stringify(expected);
      },
      { timeoutMs: 30_000, what },
    );
    say(`\nBIRD (the route server) now holds:\n${await table()}`);
  };

  await settle([102, 101, 100, 100, 100], 'every service to be announced');
  say('\nstopping PostgreSQL: only the db service should move to the down MED…');
  await postgres.stopServer();
  await settle([102, 101, 100, 1000, 100], 'the db routes to move');
  say('\nstarting PostgreSQL again…');
  await postgres.startServer();
  await settle([102, 101, 100, 100, 100], 'the db routes to come back');

  if (keep) {
    say(`\nleft running (--keep). Try: birdc -s ${bird.socket} show route all   ·   Ctrl-C to stop`);
    await new Promise(() => {});
  }
  say('\nstopping ExaBGP (exaplug withdraws), BIRD and the servers.');
  await cleanup();
} catch (error) {
  process.stderr.write(`demo failed: ${(error as Error).message}\n`);
  await cleanup();
  process.exit(1);
}
