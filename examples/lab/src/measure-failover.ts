import { setTimeout as sleep } from 'node:timers/promises';
import { readTables, waitForTables } from './converge.js';
import { bestNodeFor } from './route-view.js';
import type { Lab } from './start-lab.js';
import { serviceIps } from './topology.js';

const ip3 = serviceIps[2];

/** Time from stopping w1's nginx to ::3's best path moving to w3, per route server. */
export interface FailoverSample {
  rs1: number;
  rs2: number;
}

/**
 * One failover: waits for the healthy state, lets a random part of the check
 * interval pass (the phase), stops nginx on w1 and polls both route servers until
 * ::3 is best on w3; then restarts nginx and waits for the failback.
 */
export async function measureFailover(lab: Lab, intervalMs: number, timeoutMs = 60_000): Promise<FailoverSample> {
  await waitForTables(lab, (t) => bestNodeFor(t.rs1, ip3) === 'w1' && bestNodeFor(t.rs2, ip3) === 'w1', '::3 best on w1', timeoutMs);
  await sleep(Math.random() * intervalMs);
  await lab.stopNginx('w1');
  const started = performance.now();
  const seen: Partial<FailoverSample> = {};
  while (seen.rs1 === undefined || seen.rs2 === undefined) {
    const tables = await readTables(lab);
    const elapsed = performance.now() - started;
    if (seen.rs1 === undefined && bestNodeFor(tables.rs1, ip3) === 'w3') seen.rs1 = elapsed;
    if (seen.rs2 === undefined && bestNodeFor(tables.rs2, ip3) === 'w3') seen.rs2 = elapsed;
    if (elapsed > timeoutMs) throw new Error(`::3 did not move to w3 within ${timeoutMs} ms`);
    await sleep(5);
  }
  lab.startNginx('w1');
  await waitForTables(lab, (t) => bestNodeFor(t.rs1, ip3) === 'w1' && bestNodeFor(t.rs2, ip3) === 'w1', '::3 back on w1', timeoutMs);
  return { rs1: seen.rs1, rs2: seen.rs2 };
}
