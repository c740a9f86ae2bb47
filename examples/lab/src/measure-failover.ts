import { setTimeout as sleep } from 'node:timers/promises';
import { onEveryRouteServer, waitForTables } from './converge.js';
import type { AdjInWatch } from './gobgp-adj-in.js';
import { readRs1Routes, readRs2Routes } from './read-routes.js';
import { bestNodeFor } from './route-view.js';
import type { Lab } from './start-lab.js';
import { serviceIps } from './topology.js';

const ip3 = serviceIps[2];

/** Time from stopping w1's nginx to ::3's best path moving to w3, per route server (ms). */
export interface FailoverSample {
  rs1: number;
  rs2: number;
  rs3: number;
}

/** When rs3 received w1's down MED (or withdraw) for ::3 after `sinceMs`, from its adj-in stream. */
function rs3FailoverAt(watch: AdjInWatch, sinceMs: number): number | undefined {
  return watch.received.find(
    (path) => path.atMs >= sinceMs && path.prefix === `${ip3}/128` && path.node === 'w1' && (path.isWithdraw || (path.med ?? 0) >= 1000),
  )?.atMs;
}

/**
 * One failover: waits for the healthy state, lets a random part of the check interval pass
 * (the phase), stops nginx on w1 and waits until ::3 is best on w3 everywhere; then restarts
 * nginx and waits for the failback. rs1 and rs2 are polled (birdc, vtysh: a round every
 * 30–60 ms); rs3's time is when GoBGP received w1's down MED (`gobgp monitor adj-in`, to the
 * millisecond), and its table must show w3 best too.
 */
export async function measureFailover(lab: Lab, watch: AdjInWatch, intervalMs: number, timeoutMs = 60_000): Promise<FailoverSample> {
  await waitForTables(lab, onEveryRouteServer((paths) => bestNodeFor(paths, ip3) === 'w1'), '::3 best on w1', timeoutMs);
  await sleep(Math.random() * intervalMs);
  await lab.stopNginx('w1');
  const started = performance.now();
  const seen: Partial<FailoverSample> = {};
  // Only rs1 and rs2 are polled: a third CLI in each round would slow the round down.
  while (seen.rs1 === undefined || seen.rs2 === undefined || seen.rs3 === undefined) {
    const [rs1, rs2] = await Promise.all([readRs1Routes(lab.rs1Socket), readRs2Routes(lab.rs2VtyDir)]);
    const elapsed = performance.now() - started;
    if (seen.rs1 === undefined && bestNodeFor(rs1, ip3) === 'w3') seen.rs1 = elapsed;
    if (seen.rs2 === undefined && bestNodeFor(rs2, ip3) === 'w3') seen.rs2 = elapsed;
    const rs3At = rs3FailoverAt(watch, started);
    if (seen.rs3 === undefined && rs3At !== undefined) seen.rs3 = rs3At - started;
    if (elapsed > timeoutMs) throw new Error(`::3 did not move to w3 within ${timeoutMs} ms`);
    await sleep(5);
  }
  // What rs3 received must have moved its best path.
  await waitForTables(lab, (tables) => bestNodeFor(tables.rs3, ip3) === 'w3', '::3 best on w3 on rs3', 2000);
  lab.startNginx('w1');
  await waitForTables(lab, onEveryRouteServer((paths) => bestNodeFor(paths, ip3) === 'w1'), '::3 back on w1', timeoutMs);
  return { rs1: seen.rs1, rs2: seen.rs2, rs3: seen.rs3 };
}
