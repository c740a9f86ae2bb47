// `npm run bench`: every benchmark of issues 11, 20 and 21 in one invocation, each comparison
// measured in the same run, interleaved with its baseline (≥ 3 rounds, medians), and reported
// as a ratio (absolute times drift on a shared machine). Prints one table, writes
// bench/results.json, and for each of the framework's rows that misses its goal a CPU
// profile summary in bench/profiles/<row>.txt. Needs the built dist/ (`npm run build`).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx } from '@exaplug/test-support/nginx';
import { measureAnnounceAtScale } from './announce-at-scale.js';
import { measureFileOverhead } from './file-overhead.js';
import { formatTable, type Row } from './format-table.js';
import { measureHealthcheck } from './healthcheck.js';
import { httpServiceRows, measureHttpServices } from './http-services.js';
import { measureParse } from './parse.js';
import { profileAnnounce, profileFileChecks, profileStartup } from './profile-rows.js';
import { measureReceiveFullTable } from './receive-full-table.js';
import { measureSpawn, measureValidate } from './startup.js';

const services = 1000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = await mkdtemp(join(tmpdir(), 'exaplug-bench-'));
const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }', workerConnections: 4 * services });
const log = (text: string) => process.stderr.write(`${text}\n`);
const goals = { overheadPercent: 2, spawnMs: 150, announceToFloor: 1.1, parse: 0.7 };
try {
  log('parse …');
  const parse = measureParse();
  log('spawn and validate …');
  const spawnTimes = await measureSpawn(dir, Math.max(7, rounds));
  const validate = await measureValidate(dir, services, rounds);
  log(`${services} file services against the same fs.access calls, ${rounds} rounds (about ${rounds * 30} s) …`);
  const file = await measureFileOverhead(dir, services, rounds);
  log(`${services} http services against got and Node's client, ${rounds} rounds (about ${rounds * 60} s) …`);
  const http = await measureHttpServices(nginx, dir, services, rounds);
  log('exabgp-healthcheck …');
  const healthcheck = await measureHealthcheck(nginx.url('/health'));
  log(`10 000 routes through ExaBGP to BIRD, shared and rotated MEDs, ${rounds} rounds each …`);
  const announce = await measureAnnounceAtScale(dir, 10_000, 'shared', rounds);
  const announceRotated = await measureAnnounceAtScale(dir, 10_000, 'rotated', rounds);
  log('200 000 routes from BIRD through ExaBGP (about 5 min) …');
  const receive = await measureReceiveFullTable(dir, 200_000);

  const perCheck = http.median.exaplugWatch.cpuPercent / services;
  const rows: Row[] = [
    ...httpServiceRows(http),
    { what: `${services} services, trivial check (file)`, figure: `${file.exaplug.cpuPercent.toFixed(2)} % CPU`, ratio: file.exaplug.cpuPercent / file.bare.cpuPercent, versus: `the same fs.access calls alone ${file.bare.cpuPercent.toFixed(2)} % (medians of ${file.rounds} interleaved rounds)`, goal: '(informative)' },
    { what: 'framework overhead (file − its fs.access calls)', figure: `${file.overheadPercent.toFixed(2)} % CPU`, versus: `main thread ${(file.exaplug.mainPercent - file.bare.mainPercent).toFixed(2)} %, other threads ${(file.exaplug.othersPercent - file.bare.othersPercent).toFixed(2)} %`, goal: `≤ ${goals.overheadPercent} % of a core`, met: file.overheadPercent <= goals.overheadPercent },
    { what: 'per check vs exabgp-healthcheck --cmd curl', figure: `${perCheck.toFixed(4)} % vs ${healthcheck.withCurl.toFixed(2)} % (Python alone ${healthcheck.own.toFixed(2)} %)`, ratio: healthcheck.withCurl / perCheck, versus: 'less CPU per check (with curl)', goal: '≥ 120×', met: healthcheck.withCurl / perCheck >= 120 },
    { what: `validate, ${services} services`, figure: `${validate.validateMs.toFixed(0)} ms`, ratio: validate.validateMs / validate.nodeMs, versus: `node -e 0 ${validate.nodeMs.toFixed(0)} ms`, goal: '< 1 s', met: validate.validateMs < 1000 },
    { what: 'spawn → first command', figure: `${spawnTimes.firstCommandMs.toFixed(0)} ms`, ratio: spawnTimes.ratio, versus: `node -e 0 ${spawnTimes.nodeMs.toFixed(0)} ms (${spawnTimes.bundled ? 'bundled entry' : '**not bundled**: run `npm run build`'}, medians of ${spawnTimes.runs})`, goal: `< ${goals.spawnMs} ms`, met: spawnTimes.firstCommandMs < goals.spawnMs },
    { what: 'parse ExaBGP JSON update lines', figure: `${Math.round(parse.updates.exaplug).toLocaleString('en')} lines/s`, ratio: parse.updates.ratio, versus: `JSON.parse of the same lines (${parse.updates.ratioMin.toFixed(2)}–${parse.updates.ratioMax.toFixed(2)}× over ${parse.updates.rounds} rounds)`, goal: `≥ ${goals.parse}×`, met: parse.updates.ratio >= goals.parse },
    { what: 'parse the mixed stream', figure: `${Math.round(parse.mixed.exaplug).toLocaleString('en')} lines/s`, ratio: parse.mixed.ratio, versus: 'JSON.parse of its JSON lines', goal: '(informative)' },
    { what: `announce ${announceRotated.count} IPs at start (rotated MEDs), until BIRD holds all`, figure: `${(announceRotated.exaplugMs / 1000).toFixed(2)} s`, ratio: announceRotated.toFloor, versus: `the API's floor: cat of the same commands ${(announceRotated.floorMs / 1000).toFixed(2)} s (medians of ${announceRotated.rounds} interleaved rounds)`, goal: `≤ ${goals.announceToFloor}×`, met: announceRotated.toFloor <= goals.announceToFloor },
    { what: '  the same against ExaBGP\'s static config', figure: `${(announceRotated.staticMs / 1000).toFixed(2)} s`, ratio: announceRotated.toStatic, versus: 'exaplug ÷ static config', goal: '(informative)' },
    { what: `announce ${announce.count} IPs at start (shared MEDs), until BIRD holds all`, figure: `${(announce.exaplugMs / 1000).toFixed(2)} s`, ratio: announce.toFloor, versus: `the API's floor ${(announce.floorMs / 1000).toFixed(2)} s; static config ${(announce.staticMs / 1000).toFixed(2)} s (${announce.toStatic.toFixed(2)}×)`, goal: '(informative)' },
    { what: `receive ${receive.count.toLocaleString('en')} routes from BIRD through ExaBGP`, figure: `${(receive.exaplugMs / 1000).toFixed(2)} s`, ratio: receive.ratio, versus: `cat > /dev/null ${(receive.catMs / 1000).toFixed(2)} s`, goal: '≤ 1.05×', met: receive.ratio <= 1.05 },
    { what: 'received full table: RSS / per kept route', figure: `${receive.exaplugRssMiB.toFixed(0)} MiB / ${receive.bytesPerKeptRoute.toFixed(0)} B`, versus: 'keeping only what checks ask for', goal: '(informative)' },
  ];
  process.stdout.write(`${formatTable(rows)}\n`);
  const results = { measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, services, rounds, rows, raw: { parse, spawn: spawnTimes, validate, file, http, healthcheck, announce, announceRotated, receive } };
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

  // The framework's rows that miss their goal: where their time goes, as text beside the table.
  const missed: Array<[string, () => Promise<string>]> = [];
  if (file.overheadPercent > goals.overheadPercent) missed.push(['file-overhead', () => profileFileChecks(dir)]);
  if (spawnTimes.firstCommandMs >= goals.spawnMs) missed.push(['spawn', () => profileStartup(dir)]);
  if (announceRotated.toFloor > goals.announceToFloor) missed.push(['announce-rotated', () => profileAnnounce(dir, announceRotated.count)]);
  const profiles = new URL('./profiles/', import.meta.url);
  if (missed.length > 0) await mkdir(profiles, { recursive: true });
  for (const [row, profile] of missed) {
    log(`profile of ${row} …`);
    await writeFile(new URL(`${row}.txt`, profiles), await profile());
  }
} finally {
  await nginx.stop();
  await rm(dir, { recursive: true, force: true });
}
