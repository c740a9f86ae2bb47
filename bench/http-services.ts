// The HTTP rows of `npm run bench` (issues 20 and 21): exaplug with N http services checked
// every second over keep-alive, with its watch (the default) and without, against a bare
// loop of got configured as check-http configures it (clients/got-client.mjs) and Node's own
// keep-alive client (clients/keepalive-client.mjs), all against one nginx, interleaved
// round by round (exaplug watch, got, exaplug no watch, Node, …): medians of the rounds and
// the median of each round's ratio. `node --import tsx bench/http-services.ts [rounds]`
// prints the figures alone (needs the built dist/: `npx tsc -b packages/core packages/check-http`).
import type { NginxHandle } from '@exaplug/test-support/nginx';
import type { Row } from './format-table.js';
import { measureClient, measureExaplug, type SteadyState } from './many-services.js';
import { median } from './measure-process.js';

/** One round: each side measured once, in this order. */
export interface HttpRound {
  exaplugWatch: SteadyState;
  bareGot: SteadyState;
  exaplugNoWatch: SteadyState;
  nodeClient: SteadyState;
}

/** What the HTTP rows show: medians over the rounds, and the rounds themselves. */
export interface HttpServices {
  count: number;
  rounds: HttpRound[];
  median: Record<keyof HttpRound, SteadyState>;
  /** Medians of the per-round ratios of CPU. */
  ratios: { watchToGot: number; noWatchToGot: number; watchToNode: number; gotToNode: number; watchToNoWatch: number };
  /** Median of the per-round differences of RSS (steady and peak), exaplug with watch − bare got, MiB. */
  rssOverGotMiB: { steady: number; peak: number };
}

const sides = ['exaplugWatch', 'bareGot', 'exaplugNoWatch', 'nodeClient'] as const;

async function measureRound(nginx: NginxHandle, dir: string, count: number): Promise<HttpRound> {
  const url = nginx.url('/health');
  const http = (extra: string) => () => `{ use: http, with: { url: '${url}'${extra} } }`;
  const exaplugWatch = await measureExaplug(dir, 'http-watch', count, http(''));
  const bareGot = await measureClient('got-client.mjs', [url, String(count), '1000']);
  const exaplugNoWatch = await measureExaplug(dir, 'http-no-watch', count, http(', watch: false'));
  const nodeClient = await measureClient('keepalive-client.mjs', [url, String(count), '1000']);
  return { exaplugWatch, bareGot, exaplugNoWatch, nodeClient };
}

/** `count` http services, `rounds` interleaved rounds (at least 3 for a median worth quoting). */
export async function measureHttpServices(nginx: NginxHandle, dir: string, count = 1000, rounds = 3): Promise<HttpServices> {
  const measured: HttpRound[] = [];
  for (let round = 0; round < rounds; round++) measured.push(await measureRound(nginx, dir, count));
  const medianOf = (side: keyof HttpRound): SteadyState => ({
    cpuPercent: median(measured.map((round) => round[side].cpuPercent)),
    rssMiB: median(measured.map((round) => round[side].rssMiB)),
    peakMiB: median(measured.map((round) => round[side].peakMiB)),
  });
  const ratio = (a: keyof HttpRound, b: keyof HttpRound) => median(measured.map((round) => round[a].cpuPercent / round[b].cpuPercent));
  return {
    count,
    rounds: measured,
    median: Object.fromEntries(sides.map((side) => [side, medianOf(side)])) as Record<keyof HttpRound, SteadyState>,
    ratios: {
      watchToGot: ratio('exaplugWatch', 'bareGot'),
      noWatchToGot: ratio('exaplugNoWatch', 'bareGot'),
      watchToNode: ratio('exaplugWatch', 'nodeClient'),
      gotToNode: ratio('bareGot', 'nodeClient'),
      watchToNoWatch: ratio('exaplugWatch', 'exaplugNoWatch'),
    },
    rssOverGotMiB: {
      steady: median(measured.map((round) => round.exaplugWatch.rssMiB - round.bareGot.rssMiB)),
      peak: median(measured.map((round) => round.exaplugWatch.peakMiB - round.bareGot.peakMiB)),
    },
  };
}

/** The rows for the results table (`bench/run-all.ts`), with the goals of issues 20 and 21. */
export function httpServiceRows(result: HttpServices): Row[] {
  const { count, median: m, ratios, rssOverGotMiB } = result;
  const cpu = (state: SteadyState) => `${state.cpuPercent.toFixed(1)} % CPU`;
  const rounds = `medians of ${result.rounds.length} interleaved rounds`;
  return [
    { what: `${count} HTTP services, keepAlive, watch (default)`, figure: cpu(m.exaplugWatch), ratio: ratios.watchToGot, versus: `bare got loop, same config ${cpu(m.bareGot)} (${rounds})`, goal: '≤ 1.3×', met: ratios.watchToGot <= 1.3 },
    { what: `${count} HTTP services, keepAlive, no watch`, figure: cpu(m.exaplugNoWatch), ratio: ratios.noWatchToGot, versus: 'bare got loop', goal: '≤ 1.3×', met: ratios.noWatchToGot <= 1.3 },
    { what: '  the same, watch ÷ no watch', figure: '', ratio: ratios.watchToNoWatch, versus: 'the watch\'s cost', goal: '(informative)' },
    { what: `  exaplug (watch) against Node's keep-alive client`, figure: cpu(m.nodeClient), ratio: ratios.watchToNode, versus: `Node http.Agent; got alone is ${ratios.gotToNode.toFixed(2)}× it`, goal: '(informative)' },
    { what: `${count} HTTP services, watch: RSS steady / peak`, figure: `${m.exaplugWatch.rssMiB.toFixed(0)} / ${m.exaplugWatch.peakMiB.toFixed(0)} MiB`, versus: `bare got loop ${m.bareGot.rssMiB.toFixed(0)} / ${m.bareGot.peakMiB.toFixed(0)} MiB: +${rssOverGotMiB.steady.toFixed(0)} / +${rssOverGotMiB.peak.toFixed(0)} MiB`, goal: '≤ +30 MiB', met: rssOverGotMiB.steady <= 30 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startNginx } = await import('@exaplug/test-support/nginx');
  const { formatTable } = await import('./format-table.js');
  const count = Number(process.env.SERVICES ?? 1000);
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-http-services-'));
  const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }', workerConnections: 4 * count });
  try {
    const result = await measureHttpServices(nginx, dir, count, Number(process.argv[2] ?? 3));
    console.log(formatTable(httpServiceRows(result)));
    console.log(JSON.stringify(result, null, 1));
  } finally {
    await nginx.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
