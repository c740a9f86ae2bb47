import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecked } from '@exaplug/test-support/netns';
import { waitFor } from '@exaplug/test-support/wait-for';
import { applyGracefulShutdownPolicy, type GracefulShutdownPolicy } from './route-server-policy.js';
import { coreLan } from './topology.js';

/** Where the routing daemons' CLIs are reached from the host (unix sockets live in the file system). */
export interface RoutingSockets {
  rs1Socket: string;
  rs2VtyDir: string;
  rs3Socket: string;
  r1Socket: string;
}

/** What starting the routing daemons needs from the lab. */
export interface RoutingContext {
  confDir: string;
  dir(node: string): string;
  gracefulShutdown: GracefulShutdownPolicy;
  /** Spawns a tracked daemon `key` (`node/daemon`) in the node's namespace. */
  spawnDaemon(key: string, node: string, argv: string[]): void;
}

export function routingSockets(dir: (node: string) => string): RoutingSockets {
  return {
    rs1Socket: join(dir('rs1'), 'bird.ctl'),
    rs2VtyDir: dir('rs2'),
    rs3Socket: join(dir('rs3'), 'gobgp.sock'),
    r1Socket: join(dir('r1'), 'bird.ctl'),
  };
}

/** Copies a config into the node's run dir, with or without its RFC 8326 block. */
function placeConfig(context: RoutingContext, node: string, file: string): string {
  const target = join(context.dir(node), file);
  writeFileSync(target, applyGracefulShutdownPolicy(readFileSync(join(context.confDir, file), 'utf8'), context.gracefulShutdown));
  return target;
}

/**
 * Copies rs2's bgpd config with its log file: only a `log file` of the config honours
 * `log timestamp precision 6` (a `--log file:` target of the command line logs whole seconds).
 */
function placeBgpdConfig(context: RoutingContext): void {
  const precision = 'log timestamp precision 6\n';
  const text = readFileSync(join(context.confDir, 'rs2-bgpd.conf'), 'utf8');
  if (!text.includes(precision)) throw new Error(`rs2-bgpd.conf must keep "${precision.trim()}": bench:failover reads its µs`);
  const log = `log file ${join(context.dir('rs2'), 'bgpd.log')} debugging\n`;
  writeFileSync(join(context.dir('rs2'), 'rs2-bgpd.conf'), text.replace(precision, `${precision}${log}`));
}

/**
 * Starts the three route servers (BIRD rs1, FRR rs2, GoBGP rs3) and the router r1, each
 * config checked first so a typo fails the start instead of a later wait.
 */
export async function startRouting(context: RoutingContext): Promise<RoutingSockets> {
  const { dir, spawnDaemon } = context;
  const sockets = routingSockets(dir);
  placeConfig(context, 'rs1', 'rs1-bird.conf');
  placeConfig(context, 'rs3', 'rs3-gobgpd.toml');
  copyFileSync(join(context.confDir, 'r1-bird.conf'), join(dir('r1'), 'r1-bird.conf'));
  copyFileSync(join(context.confDir, 'rs2-zebra.conf'), join(dir('rs2'), 'rs2-zebra.conf'));
  placeBgpdConfig(context);

  await runChecked('bird', ['-p', '-c', join(dir('rs1'), 'rs1-bird.conf')]);
  await runChecked('bird', ['-p', '-c', join(dir('r1'), 'r1-bird.conf')]);
  await runChecked('gobgpd', ['--dry-run', '-f', join(dir('rs3'), 'rs3-gobgpd.toml')]);
  spawnDaemon('rs1/bird', 'rs1', ['bird', '-f', '-c', 'rs1-bird.conf', '-s', sockets.rs1Socket, '-P', join(dir('rs1'), 'bird.pid')]);
  // The gRPC API on a unix socket: the gobgp CLI needs no `ip netns exec`.
  spawnDaemon('rs3/gobgpd', 'rs3', ['gobgpd', '-f', 'rs3-gobgpd.toml', '--api-hosts', `unix://${sockets.rs3Socket}`, '--pprof-disable', '--log-plain']);

  // FRR drops to user frr, which must own its run dir (pid files, logs).
  await runChecked('chown', ['-R', 'frr:frr', dir('rs2')]);
  const zserv = join(dir('rs2'), 'zserv.api');
  const frrCommon = ['--vty_socket', dir('rs2'), '-z', zserv, '-P', '0'];
  spawnDaemon('rs2/zebra', 'rs2', ['/usr/lib/frr/zebra', ...frrCommon, '-f', join(dir('rs2'), 'rs2-zebra.conf'),
    '-i', join(dir('rs2'), 'zebra.pid'), '--log', `file:${join(dir('rs2'), 'zebra.log')}`]);
  await waitFor(() => existsSync(zserv), { timeoutMs: 10_000, what: 'zebra zserv socket' });
  spawnDaemon('rs2/bgpd', 'rs2', ['/usr/lib/frr/bgpd', ...frrCommon, '-f', join(dir('rs2'), 'rs2-bgpd.conf'),
    '-i', join(dir('rs2'), 'bgpd.pid'), '-l', coreLan.rs2]);
  spawnDaemon('r1/bird', 'r1', ['bird', '-f', '-c', 'r1-bird.conf', '-s', sockets.r1Socket, '-P', join(dir('r1'), 'bird.pid')]);
  return sockets;
}
