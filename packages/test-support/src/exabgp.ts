import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

export interface ExabgpNeighbor {
  /** BIRD's address. */
  peer: string;
  /** ExaBGP's address (also `next-hop self`). */
  local: string;
  family: 'ipv4 unicast' | 'ipv6 unicast';
  port: number;
  localAs?: number;
  peerAs?: number;
  /** ExaBGP's BGP identifier for this session (default 127.0.0.2). */
  routerId?: string;
  /** Seconds (default 9). */
  holdTime?: number;
  /** Never dial: wait for the peer (needs `listen`). */
  passive?: boolean;
  /** Also accept the peer's connection on this port of `local` (ExaBGP binds it at start). */
  listen?: number;
  /** Routes from ExaBGP's own config (`static`), which are not exaplug's to touch. */
  staticRoutes?: string[];
}

/** What `startExabgp` writes into exabgp.conf. */
export interface ExabgpConfigOptions {
  neighbors: ExabgpNeighbor[];
  run: string[];
  /** More API processes on every neighbor (e.g. one that changes routes behind exaplug's back). */
  otherProcesses?: Array<{ name: string; run: string[] }>;
  encoder?: 'json' | 'text';
  receive?: boolean;
}

export interface ExabgpHandle {
  pid: number;
  dir: string;
  /** Everything ExaBGP (and, through it, the process's stderr) printed so far. */
  output(): string;
  /** PIDs of the processes ExaBGP spawned (the API process). */
  children(): Promise<number[]>;
  /** SIGTERM (graceful) or SIGKILL, then wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly exited: boolean;
}

// Debian's ExaBGP reads /etc/exabgp/exabgp.env (user exabgp, cli on) unless --env is given.
const environment = `[exabgp.api]
ack = true
cli = false
respawn = true
[exabgp.daemon]
daemonize = false
user = 'root'
[exabgp.log]
destination = 'stdout'
level = INFO
processes = true
`;

function renderNeighbor(n: ExabgpNeighbor, receive: boolean | undefined, processes: readonly string[]): string {
  return `neighbor ${n.peer} {
    router-id ${n.routerId ?? '127.0.0.2'};
    local-address ${n.local};
    local-as ${n.localAs ?? 65001};
    peer-as ${n.peerAs ?? 65002};
    hold-time ${n.holdTime ?? 9};
    connect ${n.port};
    ${n.passive ? 'passive;' : ''}
    ${n.listen === undefined ? '' : `listen ${n.listen};`}
    family { ${n.family}; }
    ${n.staticRoutes?.length ? `static { ${n.staticRoutes.map((route) => `route ${route} next-hop self;`).join(' ')} }` : ''}
    api {
        processes [ ${processes.join(' ')} ];
        neighbor-changes;
        ${receive === false ? '' : 'receive { parsed; update; }'}
    }
}`;
}

/** exabgp.conf with one API process (`exaplug`) attached to every neighbor. */
export function renderExabgpConfig(options: ExabgpConfigOptions): string {
  const processes = [{ name: 'exaplug', run: options.run }, ...(options.otherProcesses ?? [])];
  const blocks = processes.map(({ name, run }) => `process ${name} {\n    run ${run.join(' ')};\n    encoder ${options.encoder ?? 'json'};\n}`);
  return `${blocks.join('\n')}
${options.neighbors.map((n) => renderNeighbor(n, options.receive, processes.map((process) => process.name))).join('\n')}
`;
}

/**
 * Starts Debian's ExaBGP 4.2 with one API process (`run`, argv joined by spaces: ExaBGP
 * splits on blanks and a `;` ends the statement, so no argument may contain either).
 */
export async function startExabgp(
  options: ExabgpConfigOptions & {
    /** Extra environment; ExaBGP passes its environment on to the process. */
    env?: Record<string, string>;
    /** Run inside this network namespace (`ip netns exec`, which execs: the PID is ExaBGP's own). */
    namespace?: string;
  },
): Promise<ExabgpHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-exabgp-'));
  await writeFile(join(dir, 'exabgp.conf'), renderExabgpConfig(options));
  await writeFile(join(dir, 'exabgp.env'), environment);
  let output = '';
  const argv = ['/usr/sbin/exabgp', '--env', join(dir, 'exabgp.env'), join(dir, 'exabgp.conf')];
  const [file = '', ...args] = options.namespace === undefined ? argv : ['ip', 'netns', 'exec', options.namespace, ...argv];
  const child: ChildProcess = spawn(file, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, 'exabgp.api.cli': 'false' },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid as number,
    dir,
    output: () => output,
    async children() {
      const { stdout } = await run('/usr/bin/pgrep', ['-P', String(child.pid)]).catch(() => ({ stdout: '' }));
      return stdout.split('\n').filter(Boolean).map(Number);
    },
    async stop(signal = 'SIGTERM') {
      if (!exited()) {
        child.kill(signal);
        await waitFor(exited, { timeoutMs: 8000, what: 'ExaBGP to exit' }).catch(() => child.kill('SIGKILL'));
      }
      await rm(dir, { recursive: true, force: true });
    },
    get exited() {
      return exited();
    },
  };
}
