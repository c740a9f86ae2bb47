import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { explainNetnsUnavailable } from '@exaplug/test-support/netns';
import { onEveryRouteServer, readTables, waitForConvergence, waitForDataPlane, waitForTables, type RouteServerTables } from '../src/converge.js';
import { ensureBuilt } from '../src/ensure-built.js';
import { controlExaplug, gracefulShutdown, isDrainAnnouncedEverywhere } from '../src/exaplug-control.js';
import { createLabNames } from '../src/lab-names.js';
import { listProcesses } from '../src/list-processes.js';
import { drainWithdrawAfterMs, fastTiming } from '../src/process-spec.js';
import { askService, type RoutePath } from '../src/read-routes.js';
import { bestNodeFor, rankedNodesFor } from '../src/route-view.js';
import { repoDir, startLab, type Lab } from '../src/start-lab.js';
import { rotateMed, routeServers, serviceIps, webNodes } from '../src/topology.js';
import { waitFor } from '@exaplug/test-support/wait-for';

const unavailable = await explainNetnsUnavailable();
if (unavailable) process.stderr.write(`lab test skipped: ${unavailable}\n`);

const [ip1, ip2, ip3] = serviceIps;
const t = fastTiming;
// Poll granularity, curl fork, FRR's 50 ms best-path hold and a loaded 2-core machine.
const marginMs = 1500;
const all = (tables: RouteServerTables): RoutePath[][] => routeServers.map((rs) => tables[rs]);
const everywhere = onEveryRouteServer;

describe.skipIf(unavailable !== undefined)('the reference lab (3 web nodes, BIRD, FRR and GoBGP route servers)', () => {
  let lab: Lab;
  const ns = (node: string): string => lab.names.ns(node);
  const waitForAnswer = (ip: string, node: string): Promise<boolean> =>
    waitFor(async () => (await askService(ns('c1'), ip)) === node, { timeoutMs: 10_000, intervalMs: 100, what: `c1 → ${ip} answered by ${node}` });
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = Date.now();
    const value = await work();
    return { value, ms: Date.now() - started };
  };

  beforeAll(async () => {
    // Ctrl-C reaches this worker too: leave no namespace behind (the next run would clean up anyway).
    process.once('SIGINT', () => void lab?.stop().finally(() => process.exit(130)));
    await ensureBuilt(repoDir);
    lab = await startLab({ process: { kind: 'exaplug', timing: t, check: 'http' }, names: createLabNames('xpt-') });
    await waitForConvergence(lab);
    await waitForDataPlane(lab);
  }, 240_000);

  let hasFailed = false;
  afterEach((context) => {
    if (context.task.result?.state === 'fail') hasFailed = true;
  });

  afterAll(async () => {
    await lab?.stop();
    // Keep the daemons' logs of a failed run.
    if (hasFailed) process.stderr.write(`lab logs kept in ${lab.runDir}\n`);
    else lab?.removeRunDir();
  }, 60_000);

  it('holds all three IPs from all three nodes with the rotated best paths and backups', async () => {
    const tables = await waitForConvergence(lab);
    const expected = { [ip1]: ['w3', 'w2', 'w1'], [ip2]: ['w2', 'w1', 'w3'], [ip3]: ['w1', 'w3', 'w2'] };
    for (const paths of all(tables)) {
      for (const ip of serviceIps) {
        expect(rankedNodesFor(paths, ip)).toEqual(expected[ip]);
        expect(bestNodeFor(paths, ip)).toBe(expected[ip]?.[0]);
      }
      for (const node of webNodes) {
        const meds = serviceIps.map((ip) => paths.find((p) => p.prefix === `${ip}/128` && p.node === node.name)?.med);
        expect(meds).toEqual(serviceIps.map((_ip, j) => rotateMed(node.index, j)));
      }
    }
    for (const [ip, nodes] of Object.entries(expected)) await waitForAnswer(ip, nodes[0] ?? '');
  });

  it('moves ::3 to w3 on every route server within interval + (fall − 1) × fastInterval when nginx stops on w1', async () => {
    const budget = t.interval + (t.fall - 1) * t.fastInterval + marginMs;
    await lab.stopNginx('w1');
    const { ms } = await timed(() => waitForTables(lab, everywhere((paths) => bestNodeFor(paths, ip3) === 'w3'), '::3 best on w3', budget));
    expect(ms).toBeLessThanOrEqual(budget);
    const tables = await waitForTables(lab, everywhere((paths) => paths.some((p) => p.node === 'w1' && (p.med ?? 0) >= 1000)), 'w1 down MEDs', 2000);
    for (const paths of all(tables)) {
      const meds = serviceIps.map((ip) => paths.find((p) => p.prefix === `${ip}/128` && p.node === 'w1')?.med);
      expect(meds).toEqual([1002, 1001, 1000]);
    }
    await waitForAnswer(ip3, 'w3');
  });

  it('brings ::3 back to w1 after rise passing checks once nginx restarts', async () => {
    const budget = t.interval + (t.rise - 1) * t.fastInterval + marginMs;
    lab.startNginx('w1');
    const { ms } = await timed(() => waitForTables(lab, everywhere((paths) => bestNodeFor(paths, ip3) === 'w1'), '::3 best on w1', budget));
    // Going up takes at least rise − 1 fast intervals after the first passing check.
    expect(ms).toBeGreaterThanOrEqual((t.rise - 1) * t.fastInterval);
    expect(ms).toBeLessThanOrEqual(budget);
    await waitForAnswer(ip3, 'w1');
  });

  it('moves the traffic off a drained node on every route server before its withdraw (GRACEFUL_SHUTDOWN)', async () => {
    const started = Date.now();
    await controlExaplug(repoDir, lab.runDir, 'drain', 'w1');
    // The lab drains with the healthy MEDs (disabled = up): only 65535:0 can move ::3 off w1.
    const tables = await waitForTables(
      lab,
      (t) => isDrainAnnouncedEverywhere(t, 'w1', serviceIps.length) && everywhere((paths) => bestNodeFor(paths, ip3) === 'w3')(t),
      "::3 best on w3 while w1's drained routes are still held",
      drainWithdrawAfterMs,
    );
    for (const paths of all(tables)) {
      const drained = serviceIps.map((ip) => paths.find((p) => p.prefix === `${ip}/128` && p.node === 'w1'));
      expect(drained.map((p) => p?.med)).toEqual(serviceIps.map((_ip, j) => rotateMed(0, j)));
      // 0 on BIRD and FRR; GoBGP cannot set 0 and gets 1 (see conf/rs3-gobgpd.toml).
      for (const path of drained) expect(path?.localPref).toBeLessThanOrEqual(1);
      expect(drained.every((p) => p?.communities.includes(gracefulShutdown))).toBe(true);
    }
    await waitForAnswer(ip3, 'w3');
    // Still before the withdraw: the client left w1 while w1 still announced ::3.
    expect(isDrainAnnouncedEverywhere(await readTables(lab), 'w1', serviceIps.length)).toBe(true);

    await waitForTables(lab, everywhere((paths) => !paths.some((p) => p.node === 'w1')), 'w1 withdrawn', drainWithdrawAfterMs + marginMs);
    expect(Date.now() - started).toBeGreaterThanOrEqual(drainWithdrawAfterMs);
    await controlExaplug(repoDir, lab.runDir, 'undrain', 'w1');
    await waitForTables(lab, everywhere((paths) => bestNodeFor(paths, ip3) === 'w1' && paths.length === 9), '::3 back on w1 after undrain', 10_000);
    await waitForAnswer(ip3, 'w1');
  });

  it('moves ::2 to w1 when ExaBGP on w2 is SIGKILLed, and back once exaplug rises after a restart', async () => {
    await lab.stopExabgp('w2', 'SIGKILL');
    const { value: tables, ms } = await timed(() =>
      waitForTables(lab, everywhere((paths) => bestNodeFor(paths, ip2) === 'w1'), '::2 best on w1', 2000),
    );
    expect(ms).toBeLessThan(2000);
    for (const paths of all(tables)) expect(paths.filter((p) => p.node === 'w2')).toEqual([]);
    await waitForAnswer(ip2, 'w1');
    // exaplug sees EOF on stdin (no signal arrives) and must exit on its own.
    await waitFor(async () => (await listProcesses(ns('w2'))).every((p) => !p.args.includes('run.js')), {
      timeoutMs: 5000,
      what: "w2's exaplug to exit after ExaBGP's SIGKILL",
    });

    lab.startExabgp('w2');
    // GoBGP refuses connections for 5 s after a session drop (Idle), then ExaBGP's back-off decides.
    await waitForTables(lab, everywhere((paths) => bestNodeFor(paths, ip2) === 'w2' && paths.length === 9), '::2 back on w2', 15_000);
    await waitForAnswer(ip2, 'w2');
  });

  it('withdraws all of w3 at once when ExaBGP on w3 is stopped gracefully (SIGTERM)', async () => {
    const stopped = timed(() => lab.stopExabgp('w3', 'SIGTERM'));
    const { value: tables, ms } = await timed(() =>
      waitForTables(lab, everywhere((paths) => paths.length === 6 && !paths.some((p) => p.node === 'w3')), 'w3 withdrawn', 1000),
    );
    expect(ms).toBeLessThan(1000);
    for (const paths of all(tables)) expect(bestNodeFor(paths, ip1)).toBe('w2');
    // ExaBGP waits for its process: a quick exit means exaplug honoured SIGTERM.
    expect((await stopped).ms).toBeLessThan(2000);
    expect((await listProcesses(ns('w3'))).filter((p) => p.args.includes('run.js'))).toEqual([]);
    await waitForAnswer(ip1, 'w2');
  });
});
