// `npm run bench`: every benchmark of issue #11 in one invocation, each comparison measured
// in the same run and reported as a ratio (absolute times drift on a shared machine).
// Prints one table and writes bench/results.json. Needs the built dist/ (`npm run build`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx } from '@exaplug/test-support/nginx';
import { measureAnnounceAtScale } from './announce-at-scale.js';
import { measureHealthcheck } from './healthcheck.js';
import { measureManyServices } from './many-services.js';
import { measureParse } from './parse.js';
import { measureReceiveFullTable } from './receive-full-table.js';
import { measureSpawn, measureValidate } from './startup.js';
import { formatTable, type Row } from './format-table.js';

const services = 1000;
const dir = await mkdtemp(join(tmpdir(), 'exaplug-bench-'));
await writeFile(join(dir, 'file.yaml'), 'ok\n');
const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }', workerConnections: 4 * services });
const log = (text: string) => process.stderr.write(`${text}\n`);
try {
  log('parse …');
  const parse = measureParse();
  log('spawn and validate …');
  const spawnTimes = await measureSpawn(dir);
  const validate = await measureValidate(dir, services);
  log(`${services} services (about 100 s) …`);
  const many = await measureManyServices(nginx, dir, services);
  log('exabgp-healthcheck …');
  const healthcheck = await measureHealthcheck(nginx.url('/health'));
  log('10 000 routes through ExaBGP to BIRD, shared and rotated MEDs, 3 rounds each …');
  const announce = await measureAnnounceAtScale(dir, 10_000, 'shared');
  const announceRotated = await measureAnnounceAtScale(dir, 10_000, 'rotated');
  log('200 000 routes from BIRD through ExaBGP (about 5 min) …');
  const receive = await measureReceiveFullTable(dir, 200_000);

  const perCheck = many.httpKeepAliveWatch.cpuPercent / services;
  const rows: Row[] = [
    { what: `${services} HTTP services, keepAlive, watch (default)`, figure: `${many.httpKeepAliveWatch.cpuPercent.toFixed(1)} % CPU`, ratio: many.httpKeepAliveWatch.cpuPercent / many.nodeKeepAlive.cpuPercent, versus: `Node keep-alive client ${many.nodeKeepAlive.cpuPercent.toFixed(1)} %`, goal: '≤ 1.5×', met: many.httpKeepAliveWatch.cpuPercent / many.nodeKeepAlive.cpuPercent <= 1.5 },
    { what: `${services} HTTP services, keepAlive, no watch`, figure: `${many.httpKeepAlive.cpuPercent.toFixed(1)} % CPU`, ratio: many.httpKeepAlive.cpuPercent / many.nodeKeepAlive.cpuPercent, versus: 'Node keep-alive client', goal: '≤ 1.5×', met: many.httpKeepAlive.cpuPercent / many.nodeKeepAlive.cpuPercent <= 1.5 },
    { what: `${services} HTTP services, new connection per check`, figure: `${many.httpNewConnection.cpuPercent.toFixed(1)} % CPU`, ratio: many.httpNewConnection.cpuPercent / many.nodeKeepAlive.cpuPercent, versus: 'Node keep-alive client', goal: '(informative)' },
    { what: 'raw kept-alive sockets (the floor)', figure: `${many.rawSockets.cpuPercent.toFixed(1)} % CPU`, ratio: many.httpKeepAliveWatch.cpuPercent / many.rawSockets.cpuPercent, versus: 'exaplug (keepAlive, watch) ÷ raw', goal: '(informative)' },
    { what: `${services} HTTP services: RSS / peak`, figure: `${many.httpKeepAliveWatch.rssMiB.toFixed(0)} / ${many.httpKeepAliveWatch.peakMiB.toFixed(0)} MiB`, versus: `Node client ${many.nodeKeepAlive.rssMiB.toFixed(0)} MiB`, goal: '< 150 / < 180 MiB', met: many.httpKeepAliveWatch.rssMiB < 150 && many.httpKeepAliveWatch.peakMiB < 180 },
    { what: `${services} services, trivial check (file)`, figure: `${many.file.cpuPercent.toFixed(2)} % CPU`, ratio: many.file.cpuPercent / many.bareAccess.cpuPercent, versus: `the same fs.access calls alone ${many.bareAccess.cpuPercent.toFixed(2)} %`, goal: '(informative)' },
    { what: 'framework overhead (file − its fs.access calls)', figure: `${(many.file.cpuPercent - many.bareAccess.cpuPercent).toFixed(2)} % CPU`, versus: '', goal: '≤ 2 % of a core', met: many.file.cpuPercent - many.bareAccess.cpuPercent <= 2 },
    { what: 'per check vs exabgp-healthcheck --cmd curl', figure: `${perCheck.toFixed(4)} % vs ${healthcheck.withCurl.toFixed(2)} % (Python alone ${healthcheck.own.toFixed(2)} %)`, ratio: healthcheck.withCurl / perCheck, versus: 'less CPU per check (with curl)', goal: '≥ 120×', met: healthcheck.withCurl / perCheck >= 120 },
    { what: `validate, ${services} services`, figure: `${validate.validateMs.toFixed(0)} ms`, ratio: validate.validateMs / validate.nodeMs, versus: `node -e 0 ${validate.nodeMs.toFixed(0)} ms`, goal: '< 1 s', met: validate.validateMs < 1000 },
    { what: 'parse ExaBGP JSON update lines', figure: `${Math.round(parse.updates.exaplug).toLocaleString('en')} lines/s`, ratio: parse.updates.exaplug / parse.updates.jsonParse, versus: 'JSON.parse of the same lines', goal: '≥ 0.5×', met: parse.updates.exaplug / parse.updates.jsonParse >= 0.5 },
    { what: 'parse the mixed stream', figure: `${Math.round(parse.mixed.exaplug).toLocaleString('en')} lines/s`, ratio: parse.mixed.exaplug / parse.mixed.jsonParse, versus: 'JSON.parse of its JSON lines', goal: '(informative)' },
    ...[announce, announceRotated].flatMap((run): Row[] => [
      { what: `announce ${run.count} IPs at start (${run.meds} MEDs), until BIRD holds all`, figure: `${(run.exaplugMs / 1000).toFixed(2)} s`, ratio: run.exaplugMs / run.staticMs, versus: `ExaBGP static config ${(run.staticMs / 1000).toFixed(2)} s`, goal: '≤ 1.2×', met: run.exaplugMs / run.staticMs <= 1.2 },
      { what: `  the API's floor: cat of the same commands (${run.meds})`, figure: `${(run.floorMs / 1000).toFixed(2)} s`, ratio: run.exaplugMs / run.floorMs, versus: 'exaplug ÷ floor', goal: '(informative)' },
    ]),
    { what: `receive ${receive.count.toLocaleString('en')} routes from BIRD through ExaBGP`, figure: `${(receive.exaplugMs / 1000).toFixed(2)} s`, ratio: receive.ratio, versus: `cat > /dev/null ${(receive.catMs / 1000).toFixed(2)} s`, goal: '≤ 1.05×', met: receive.ratio <= 1.05 },
    { what: 'received full table: RSS / per kept route', figure: `${receive.exaplugRssMiB.toFixed(0)} MiB / ${receive.bytesPerKeptRoute.toFixed(0)} B`, versus: 'keeping only what checks ask for', goal: '(informative)' },
    { what: 'spawn → first command', figure: `${spawnTimes.firstCommandMs.toFixed(0)} ms`, ratio: spawnTimes.firstCommandMs / spawnTimes.nodeMs, versus: `node -e 0 ${spawnTimes.nodeMs.toFixed(0)} ms`, goal: '< 300 ms', met: spawnTimes.firstCommandMs < 300 },
  ];
  process.stdout.write(`${formatTable(rows)}\n`);
  const results = { measuredAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, services, rows, raw: { parse, spawn: spawnTimes, validate, many, healthcheck, announce, announceRotated, receive } };
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await nginx.stop();
  await rm(dir, { recursive: true, force: true });
}
