import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { canonicalPrefix } from '@exaplug/test-support/route-server-table';
import { findWebNode } from './topology.js';

/** One path of an UPDATE GoBGP received, stamped with `performance.now()` as its line arrived. */
export interface ReceivedPath {
  atMs: number;
  prefix: string;
  /** The web node that sent it (or its address). */
  node: string;
  med: number | undefined;
  isWithdraw: boolean;
}

interface MonitorPath {
  nlri?: { prefix?: string };
  withdrawal?: boolean;
  'neighbor-ip'?: string;
  attrs?: { type: number; metric?: number }[];
}

// MULTI_EXIT_DISC's attribute type code (RFC 4271).
const medType = 4;

/** One line of `gobgp monitor adj-in -j`: the paths of one UPDATE for one destination. */
export function parseAdjInLine(line: string, atMs: number): ReceivedPath[] {
  if (!line.startsWith('[')) return [];
  return (JSON.parse(line) as MonitorPath[]).map((path) => {
    const peer = path['neighbor-ip'] ?? '';
    return {
      atMs,
      prefix: canonicalPrefix(path.nlri?.prefix ?? ''),
      node: findWebNode(peer)?.name ?? peer,
      med: path.attrs?.find((attribute) => attribute.type === medType)?.metric,
      isWithdraw: path.withdrawal === true,
    };
  });
}

/** A running `gobgp monitor adj-in`: what rs3 received, in order. */
export interface AdjInWatch {
  readonly received: readonly ReceivedPath[];
  stop(): void;
}

/**
 * Streams what GoBGP receives (pre-policy Adj-RIB-In) and stamps each line on arrival.
 * GoBGP's own timestamps are whole seconds (its log, and `age` here), too coarse for a
 * failover; the stream is pushed, so the stamp is the gRPC + pipe delay (about a millisecond)
 * after the receipt. GoBGP updates the route-server RIB and its best paths in the same
 * server-loop step that feeds this watcher (server.go: notifyPrePolicyUpdateWatcher, then
 * propagateUpdate). Resolves once subscribed (`--current` dumps the table first).
 */
export async function watchGobgpAdjIn(socket: string): Promise<AdjInWatch> {
  const child = spawn('gobgp', ['--target', `unix://${socket}`, 'monitor', 'adj-in', '-a', 'ipv6', '-j', '--current'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const received: ReceivedPath[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      received.push(...parseAdjInLine(line, performance.now()));
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`gobgp monitor exited (${code}): ${stderr.trim()}`)));
    child.once('error', reject);
  });
  return {
    received,
    stop() {
      lines.close();
      child.kill();
    },
  };
}
