import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onEveryRouteServer, waitForTables } from './converge.js';
import { findExaplugMoment, type ExaplugMoment } from './exaplug-log.js';
import type { AdjInWatch } from './gobgp-adj-in.js';
import { tailLog, type LogTail } from './log-tail.js';
import { calibrateRealtimeClock, type RealtimeClock } from './realtime-clock.js';
import { findBirdMoment, findFrrMoment, findRouterReceipt, type ServerMoment } from './route-server-log.js';
import { bestNodeFor } from './route-view.js';
import type { Lab } from './start-lab.js';
import { routeServers, serviceIps, webNodes, type RouteServerName } from './topology.js';

const ip3 = serviceIps[2];
/** How much earlier than the server's own record r1's receipt may be: GoBGP's stream is stamped on arrival. */
const routerMarginMs = 5;
const [primary, , backup] = webNodes as [(typeof webNodes)[0], (typeof webNodes)[0], (typeof webNodes)[0]];

/** One failover, in ms from the signal to nginx: per route server, and exaplug's own stages. */
export interface FailoverSample {
  /** The route server holds the backup as its best path (its own log or event stream). */
  best: Record<RouteServerName, number>;
  /** The route server received the primary's down UPDATE. */
  received: Record<RouteServerName, number>;
  /** r1 received the route server's new best path (r1's BIRD trace): after the server, its sending and the wire. */
  atRouter: Record<RouteServerName, number | undefined>;
  /** exaplug's stages (whole ms); empty for exabgp-healthcheck. */
  exaplug: ExaplugMoment;
}

interface Tails {
  r1: LogTail;
  rs1: LogTail;
  rs2: LogTail;
  exaplug: LogTail;
}

/** GoBGP: w1's down path for ::3 on its adj-in stream, stamped on arrival (µs since the epoch). */
function findGobgpMoment(watch: AdjInWatch, clock: RealtimeClock, sinceUs: number): ServerMoment {
  const path = watch.received.find(
    (p) => clock.fromPerformanceMs(p.atMs) >= sinceUs && p.prefix === `${ip3}/128` && p.node === primary.name && (p.isWithdraw || (p.med ?? 0) >= 1000),
  );
  const at = path && clock.fromPerformanceMs(path.atMs);
  // GoBGP selects the best path in the same server-loop step that feeds this stream.
  return { receivedUs: at, bestUs: at };
}

function readMoments(tails: Tails, watch: AdjInWatch, clock: RealtimeClock, killUs: number): Record<RouteServerName, ServerMoment> {
  return {
    rs1: findBirdMoment(tails.rs1.lines(), killUs, ip3, primary.name),
    rs2: findFrrMoment(tails.rs2.lines(), killUs, ip3, primary.address, backup.address),
    rs3: findGobgpMoment(watch, clock, killUs),
  };
}

/** Waits until every route server's own record shows the backup best (ms since the kill each). */
async function waitForMoments(read: () => Record<RouteServerName, ServerMoment>, killUs: number, timeoutMs: number): Promise<Pick<FailoverSample, 'best' | 'received'>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const moments = read();
    if (routeServers.every((rs) => moments[rs].bestUs !== undefined)) {
      const since = (us: number | undefined): number => ((us ?? NaN) - killUs) / 1000;
      const pick = (key: keyof ServerMoment): Record<RouteServerName, number> => ({ rs1: since(moments.rs1[key]), rs2: since(moments.rs2[key]), rs3: since(moments.rs3[key]) });
      return { best: pick('bestUs'), received: pick('receivedUs') };
    }
    if (performance.now() > deadline) throw new Error(`::3 did not move to ${backup.name} in the route servers' logs within ${timeoutMs} ms: ${JSON.stringify(moments)}`);
    await sleep(20);
  }
}

/**
 * One failover: waits for the healthy state and `settleMs` (the watch reconnects), lets a
 * random part of the check interval pass (the phase), stamps the wall clock to the µs and
 * signals nginx on w1 (SIGTERM), then reads from BIRD's route trace, FRR's debug log and
 * GoBGP's adj-in stream when each received w1's down UPDATE and held w3 as best for ::3.
 * The tables are read only to know when it is over (no timing comes from them); then nginx
 * starts again and the failback is awaited.
 */
export async function measureFailover(lab: Lab, watch: AdjInWatch, intervalMs: number, settleMs: number, timeoutMs = 60_000): Promise<FailoverSample> {
  const bestEverywhere = (node: string) => onEveryRouteServer((paths) => bestNodeFor(paths, ip3) === node);
  await waitForTables(lab, bestEverywhere(primary.name), `::3 best on ${primary.name}`, timeoutMs);
  await sleep(settleMs + Math.random() * intervalMs);
  const tails: Tails = {
    r1: tailLog(join(lab.runDir, 'r1', 'bird.log')),
    rs1: tailLog(join(lab.runDir, 'rs1', 'bird.log')),
    rs2: tailLog(join(lab.runDir, 'rs2', 'bgpd.log')),
    exaplug: tailLog(join(lab.runDir, primary.name, 'exabgp.out')),
  };
  const clock = calibrateRealtimeClock();
  const killUs = clock.nowUs();
  // The signal goes out synchronously, before stopNginx's first await.
  const stopped = lab.stopNginx(primary.name);
  const moments = await waitForMoments(() => readMoments(tails, watch, clock, killUs), killUs, timeoutMs);
  await stopped;
  // The logs' meaning, checked against the tables once.
  await waitForTables(lab, bestEverywhere(backup.name), `::3 best on ${backup.name}`, 5000);
  const routerLines = tails.r1.lines();
  // From the server's receipt on (less the monitor's lag, for GoBGP): an unrelated update
  // the server sent r1 before it would not be the failover's.
  const atRouter = (rs: RouteServerName): number | undefined => {
    const at = findRouterReceipt(routerLines, killUs + (moments.received[rs] - routerMarginMs) * 1000, ip3, rs);
    return at === undefined ? undefined : (at - killUs) / 1000;
  };
  const exaplug = findExaplugMoment(tails.exaplug.lines(), Math.floor(killUs / 1000), ip3);
  const since = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms - killUs / 1000);
  lab.startNginx(primary.name);
  await waitForTables(lab, bestEverywhere(primary.name), `::3 back on ${primary.name}`, timeoutMs);
  return { ...moments, atRouter: { rs1: atRouter('rs1'), rs2: atRouter('rs2'), rs3: atRouter('rs3') }, exaplug: { failedMs: since(exaplug.failedMs), downMs: since(exaplug.downMs), commandMs: since(exaplug.commandMs) } };
}
