import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteNamespaces, spawnInNamespace, type NamespaceDaemon } from '@exaplug/test-support/netns';
import { buildNetwork } from './build-network.js';
import { createLabNames, type LabNames } from './lab-names.js';
import { prepareProcess, type ProcessSpec } from './process-spec.js';
import { writeTemplate } from './render-template.js';
import type { GracefulShutdownPolicy } from './route-server-policy.js';
import { routingSockets, startRouting, type RoutingSockets } from './start-routing.js';
import { routeServers, webNodes } from './topology.js';

export const labDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const confDir = join(labDir, 'conf');
export const repoDir = resolve(labDir, '../..');

export interface LabOptions {
  process: ProcessSpec;
  names?: LabNames;
  /** Run files (configs, sockets, logs); a fresh temp dir by default. */
  runDir?: string;
  /** The route servers' RFC 8326 handling: the shipped config (default) or the servers' defaults. */
  gracefulShutdown?: GracefulShutdownPolicy;
}

/** A running lab: every daemon is tracked by PID and stopped by `stop()`. */
export interface Lab extends RoutingSockets {
  readonly names: LabNames;
  readonly runDir: string;
  startNginx(node: string): void;
  stopNginx(node: string): Promise<void>;
  startExabgp(node: string): void;
  stopExabgp(node: string, signal?: NodeJS.Signals): Promise<void>;
  /** Stops every daemon and deletes the namespaces. Safe to call twice. */
  stop(): Promise<void>;
  /** Deletes the run dir (configs, logs) after `stop()`; keep it to read the logs. */
  removeRunDir(): void;
}


/** Brings the whole lab up (removing leftovers of a crashed run with the same prefix). */
export async function startLab(options: LabOptions): Promise<Lab> {
  const names = options.names ?? createLabNames();
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'exaplug-lab-'));
  // FRR runs as user frr and must reach its own run dir below this one.
  chmodSync(runDir, 0o755);
  const daemons = new Map<string, NamespaceDaemon>();
  const dir = (node: string): string => join(runDir, node);
  const spawnDaemon = (key: string, node: string, argv: string[]): void => {
    daemons.set(key, spawnInNamespace(names.ns(node), argv, { cwd: dir(node), logFile: join(dir(node), `${key.split('/')[1]}.out`) }));
  };
  const stopDaemon = async (key: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const daemon = daemons.get(key);
    daemons.delete(key);
    await daemon?.stop(signal);
  };

  await deleteNamespaces(names.prefix);
  for (const node of ['r1', ...routeServers, 'c1', ...webNodes.map((n) => n.name)]) {
    mkdirSync(join(dir(node), 'tmp'), { recursive: true });
  }

  const lab: Lab = {
    names,
    runDir,
    ...routingSockets(dir),
    startNginx(name) {
      spawnDaemon(`${name}/nginx`, name, ['nginx', '-p', `${dir(name)}/`, '-e', 'stderr', '-c', join(dir(name), 'nginx.conf')]);
    },
    stopNginx: (name) => stopDaemon(`${name}/nginx`),
    startExabgp(name) {
      spawnDaemon(`${name}/exabgp`, name, ['exabgp', '--env', join(dir(name), 'exabgp.env'), join(dir(name), 'exabgp.conf')]);
    },
    stopExabgp: (name, signal) => stopDaemon(`${name}/exabgp`, signal),
    async stop() {
      await Promise.all(webNodes.map((node) => stopDaemon(`${node.name}/exabgp`)));
      for (const key of ['r1/bird', 'rs1/bird', 'rs2/bgpd', 'rs2/zebra', 'rs3/gobgpd']) await stopDaemon(key);
      await Promise.all([...daemons.keys()].map((key) => stopDaemon(key)));
      await deleteNamespaces(names.prefix);
    },
    removeRunDir() {
      rmSync(runDir, { recursive: true, force: true });
    },
  };

  try {
    await buildNetwork(names);
    for (const node of webNodes) {
      const values = { NODE: node.name, ADDRESS: node.address, ROUTER_ID: node.routerId };
      writeTemplate(join(confDir, 'nginx.conf.tmpl'), join(dir(node.name), 'nginx.conf'), values);
      const block = prepareProcess(options.process, node, dir(node.name), confDir, repoDir);
      writeTemplate(join(confDir, 'exabgp.conf.tmpl'), join(dir(node.name), 'exabgp.conf'), { ...values, ...block });
      copyFileSync(join(confDir, 'exabgp.env'), join(dir(node.name), 'exabgp.env'));
      lab.startNginx(node.name);
    }
    await startRouting({ confDir, dir, gracefulShutdown: options.gracefulShutdown ?? 'shipped', spawnDaemon });
    for (const node of webNodes) lab.startExabgp(node.name);
  } catch (error) {
    await lab.stop();
    throw error;
  }
  return lab;
}
