import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked, runCommand, spawnInNamespace, type NamespaceDaemon } from './netns.js';
import { parseGobgpSessions, parseGobgpTable, toRouteTable } from './route-server-table.js';
import type { RouteServerDaemon, RouteServerDaemonOptions } from './route-servers.js';
import { waitFor } from './wait-for.js';

const gobgpd = '/usr/bin/gobgpd';

/** gobgpd's TOML: accept everything from the node, send nothing back. */
export function renderGobgpConfig(options: RouteServerDaemonOptions): string {
  const neighbors = options.peers.map(
    (peer) => `[[neighbors]]
  [neighbors.config]
    neighbor-address = "${peer.nodeAddress}"
    peer-as = ${options.peerAs}
  [neighbors.timers.config]
    hold-time = ${options.holdTime}
    keepalive-interval = ${Math.max(1, Math.floor(options.holdTime / 3))}
    # GoBGP waits at least 5 s (5–10 s at random) before dialling, whatever this says: ExaBGP
    # dials GoBGP. GoBGP dials too, which resets ExaBGP's ever-growing reconnect back-off.
    connect-retry = 5
  [neighbors.transport.config]
    local-address = "${peer.localAddress}"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "${peer.family}-unicast"
`,
  );
  return `[global.config]
  as = ${options.localAs}
  router-id = "${options.routerId}"
  port = 179
  local-address-list = [${[...new Set(options.peers.map((peer) => `"${peer.localAddress}"`))].join(', ')}]
# Into the global RIB: everything. Out to the node: nothing.
[global.apply-policy.config]
  default-import-policy = "accept-route"
  default-export-policy = "reject-route"

${neighbors.join('\n')}`;
}

/**
 * Starts gobgpd inside `options.namespace`. Its gRPC API listens on a unix socket in
 * `options.dir`, so the `gobgp` CLI needs no `ip netns exec`.
 */
export async function startGobgp(options: RouteServerDaemonOptions): Promise<RouteServerDaemon> {
  const config = join(options.dir, 'gobgpd.toml');
  const socket = join(options.dir, 'gobgp.sock');
  const target = `unix://${socket}`;
  const logFile = join(options.dir, 'gobgpd.log');
  await writeFile(config, renderGobgpConfig(options));
  await runChecked(gobgpd, ['--dry-run', '-f', config]);

  const gobgp = async (args: string[]): Promise<string> => {
    const result = await runCommand('/usr/bin/gobgp', ['--target', target, ...args, '-j']);
    if (result.code !== 0) throw new Error(`gobgp ${args.join(' ')}: ${result.stderr.trim() || result.stdout.trim()}`);
    return result.stdout;
  };
  let daemon: NamespaceDaemon | undefined;
  const start = async (): Promise<void> => {
    await rm(socket, { force: true });
    const started = spawnInNamespace(options.namespace, [gobgpd, '-f', config, '--api-hosts', target, '--pprof-disable', '--log-plain'], {
      cwd: options.dir,
      logFile,
    });
    daemon = started;
    const died = started.exited.then(() => {
      throw new Error(`gobgpd exited at start (see ${logFile})`);
    });
    // The CLI's gRPC dial backs off a full second when the socket is not there yet.
    const answers = async (): Promise<boolean> => existsSync(socket) && (await gobgp(['global']).then(() => true));
    await Promise.race([died, waitFor(answers, { timeoutMs: 10_000, what: `gobgpd to answer (${logFile})` })]);
  };
  const stop = async (): Promise<void> => {
    await daemon?.stop();
    daemon = undefined;
  };
  await start();

  return {
    name: 'gobgp',
    logFile,
    async table() {
      const [ipv4, ipv6] = await Promise.all([gobgp(['global', 'rib', '-a', 'ipv4']), gobgp(['global', 'rib', '-a', 'ipv6'])]);
      return toRouteTable([...parseGobgpTable(ipv4), ...parseGobgpTable(ipv6)]);
    },
    async established() {
      // A daemon that does not answer has no Established session either.
      const sessions = parseGobgpSessions(await gobgp(['neighbor']).catch(() => ''));
      return options.peers.every((peer) => sessions.get(peer.nodeAddress) === true);
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}
