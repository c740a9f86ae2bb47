import { access, chmod, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { exaplugBin } from './exaplug-under-fake-exabgp.js';
import { median, memoryOf, readUntilExabgpIsGone, sleep } from './measure-process.js';
// The built code, as it runs in production (as bench/parse.ts).
import { parseExabgpLine } from '@exaplug/protocol';
import { applyNeighborMessage, type NeighborTable } from '../packages/core/dist/runtime/neighbor-table.js';

/** The i-th route of the table: /24s from 20.0.0.0 on (65 536 per /8). */
const prefixOf = (i: number) => `${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`;
/** BIRD exports it only once the whole table is queued: the last route of the stream. */
const probe = '198.18.255.0/24';

/**
 * How long a reader takes to receive the table, timed from `birdc enable` of the table's
 * routes (the session is up and the reader ready by then, so neither BGP's connect timing
 * nor the reader's start-up counts, and exaplug sees every route rather than dropping what
 * arrives before it listens) to the moment the reader has read the probe route. BIRD exports
 * the probe only once it counts every one of the `count` routes exported, so its UPDATE is
 * queued behind theirs, and ExaBGP passes messages on in order. ExaBGP writes to its process
 * with blocking writes, so a reader slower than ExaBGP shows as a longer time; one that keeps
 * up leaves ExaBGP (Python, about 7 000 UPDATEs/s here) as the bound.
 * The floor, `grep -m1 -F probe` (then a reader of the rest), creates a file once it has read
 * the probe; exaplug keeps the probe (a `neighbor` check asks for it) and the bench asks its
 * control socket every 20 ms, as it looks for the floor's file every 20 ms. Neither adds any
 * work per line to the reader.
 */
async function timeUntilDelivered(
  bird: BirdHandle,
  count: number,
  run: string[],
  ready: (exabgp: ExabgpHandle) => Promise<boolean>,
  delivered: (exabgp: ExabgpHandle) => Promise<boolean>,
): Promise<{ ms: number; readerRssMiB: number; exabgp: ExabgpHandle }> {
  const exabgp = await startExabgp({
    run,
    neighbors: [{ peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port }],
  });
  const within = (ms: number, what: string) => {
    if (performance.now() - startedAt > ms) throw new Error(`${what} took over ${ms} ms: ${exabgp.output().slice(-2000)}`);
  };
  let startedAt = performance.now();
  try {
    while (!(await bird.isEstablished('exa4')) || !(await ready(exabgp))) {
      within(30_000, 'the session and the reader');
      await sleep(50);
    }
    startedAt = performance.now();
    await bird.birdc('enable static4_table');
    let probeEnabled = false;
    let lastBirdLook = 0;
    for (;;) {
      within(60_000 + count, 'delivering the table');
      if (!probeEnabled && performance.now() - lastBirdLook >= 200) {
        lastBirdLook = performance.now();
        const exported = Number(/(\d+) exported/.exec(await bird.birdc('show protocols all exa4'))?.[1] ?? 0);
        if (exported >= count) {
          await bird.birdc('enable static4_probe');
          probeEnabled = true;
        }
      }
      if (probeEnabled && (await delivered(exabgp))) break;
      await sleep(20);
    }
  } catch (error) {
    await exabgp.stop('SIGKILL');
    throw error;
  }
  const ms = performance.now() - startedAt;
  const [reader] = await exabgp.children();
  // NaN when the reader is gone meanwhile (ExaBGP respawned it): a missing figure, not a crash.
  const readerRssMiB = reader === undefined ? Number.NaN : await memoryOf(reader).then((memory) => memory.rssMiB, () => Number.NaN);
  return { ms, readerRssMiB, exabgp };
}

/** Kills ExaBGP (its reader sees EOF and exits), waits for BIRD to drop the session, turns the routes off. */
async function reset(bird: BirdHandle, exabgp: ExabgpHandle): Promise<void> {
  const readers = await exabgp.children();
  await exabgp.stop('SIGKILL');
  for (const pid of readers) {
    for (let i = 0; i < 250 && (await access(`/proc/${pid}`).then(() => true, () => false)); i++) await sleep(20);
  }
  while (await bird.isEstablished('exa4')) await sleep(50);
  await bird.birdc('disable static4_probe');
  await bird.birdc('disable static4_table');
}

/** The status the control socket answers (`exaplug status`). */
function status(socket: string): Promise<{ neighbors: Array<{ state: string; receivedRoutes: number }> } | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const client = createConnection(socket, () => client.write('{"command":"status"}\n'));
    client.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      client.destroy();
      try {
        const response = JSON.parse(text) as { ok: boolean; result: { neighbors: Array<{ state: string; receivedRoutes: number }> } };
        resolve(response.ok ? response.result : undefined);
      } catch {
        resolve(undefined);
      }
    });
    client.on('error', () => resolve(undefined));
  });
}

/**
 * Heap bytes per received route kept in the neighbor table, when checks ask for routes:
 * `count` UPDATE lines as ExaBGP 4.2 writes them (one route each, its own MED), parsed and
 * folded in as the runtime does, every route kept; heap after a full GC, against before.
 * In-process because exaplug's RSS moves by more than a few thousand routes weigh (V8
 * keeps the parser's garbage until it needs the room), and a check per route in a config
 * costs more than the route: a config that keeps many routes is not a clean measurement.
 */
function keptRouteBytes(count: number): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const line = (i: number) =>
    `{ "exabgp": "4.0.1", "time": 1796168704.048638, "host" : "vm", "pid" : 6171, "ppid" : 6149, "counter": ${i + 3}, "type": "update", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "direction": "receive", "message": { "update": { "attribute": { "origin": "igp", "as-path": [ 65002 ], "confederation-path": [], "med": ${i} }, "announce": { "ipv4 unicast": { "127.0.0.1": [ { "nlri": "${prefixOf(i)}" } ] } } } } } }`;
  const up = '{ "exabgp": "4.0.1", "time": 1796168704.0480962, "host" : "vm", "pid" : 6171, "ppid" : 6149, "counter": 2, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "state": "up" } }';
  const fold = (table: NeighborTable, text: string) => {
    const parsed = parseExabgpLine(text);
    if (parsed.kind === 'message') applyNeighborMessage(table, parsed.message, 0, {});
  };
  const table: NeighborTable = new Map();
  fold(table, up);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) fold(table, line(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  if (table.get('127.0.0.1')?.received.size !== count) throw new Error('the table did not keep every route');
  return (after - before) / count;
}


/**
 * Issue 11 §3: a real BIRD exports `count` routes (one UPDATE each: every route has its
 * own MED, as attributes differ in a real table) to a real ExaBGP 4.2 whose process is
 * exaplug (`receive { parsed; update; }`), against `cat > /dev/null` as the process. Median
 * of `rounds` interleaved runs of each, and exaplug's RSS once it has the table.
 */
export async function measureReceiveFullTable(dir: string, count = 200_000, options: { rounds?: number } = {}) {
  const rounds = options.rounds ?? 3;
  const bird = await startBird({
    staticRoutes: [...Array.from({ length: count }, (_, i) => ({ prefix: prefixOf(i), med: i, group: 'table' })), { prefix: probe, group: 'probe' }],
    neighbors: [{ name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001, exportStatic: true }],
  });
  try {
    const seen = join(dir, 'receive-probe-seen');
    const floor = join(dir, 'receive-floor.sh');
    await writeFile(floor, `#!/bin/sh\ngrep -m1 -qF '"${probe}"' && : > ${seen}\nexec ${readUntilExabgpIsGone}\n`);
    await chmod(floor, 0o755);
    const exaplugConfig = async (name: string) => {
      const file = join(dir, `${name}.yaml`);
      const socket = join(dir, `${name}.sock`);
      await writeFile(
        file,
        `log: { level: warn }\ncontrol: { socket: ${socket} }\ndefaults: { interval: 1h, rise: 1, fall: 1, timeout: 5s }\nservices:\n` +
          `  probe:\n    ips: ['192.0.2.1/32']\n    check: { use: neighbor, with: { prefix: '${probe}' } }\n`,
      );
      const run = [process.execPath, exaplugBin, 'run', '--config', file];
      const ready = async () => (await status(socket))?.neighbors[0]?.state === 'up';
      const delivered = async () => ((await status(socket))?.neighbors[0]?.receivedRoutes ?? 0) >= 1;
      return { run, ready, delivered };
    };
    const exaplug = await exaplugConfig('receive');

    const catRuns: number[] = [];
    const exaplugRuns: number[] = [];
    const exaplugRss: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await rm(seen, { force: true });
      const cat = await timeUntilDelivered(bird, count, [floor], async (exabgp) => (await exabgp.children()).length > 0, () => access(seen).then(() => true, () => false));
      catRuns.push(cat.ms);
      await reset(bird, cat.exabgp);
      const own = await timeUntilDelivered(bird, count, exaplug.run, exaplug.ready, exaplug.delivered);
      exaplugRuns.push(own.ms);
      if (Number.isFinite(own.readerRssMiB)) exaplugRss.push(own.readerRssMiB);
      await reset(bird, own.exabgp);
    }

    const catMs = median(catRuns);
    const exaplugMs = median(exaplugRuns);
    return {
      count,
      catMs,
      exaplugMs,
      ratio: exaplugMs / catMs,
      catRuns,
      exaplugRuns,
      /** exaplug's RSS once the table is in (it keeps only the probe route). */
      exaplugRssMiB: median(exaplugRss),
      /** What keeping a received route costs, when checks ask for them (heap, measured in-process). */
      bytesPerKeptRoute: keptRouteBytes(count),
    };
  } finally {
    await bird.stop();
  }
}
