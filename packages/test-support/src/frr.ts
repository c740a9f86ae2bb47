import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked, runCommand, spawnInNamespace, type NamespaceDaemon } from './netns.js';
import { parseFrrSessions, parseFrrTable, toRouteTable } from './route-server-table.js';
import type { RouteServerDaemon, RouteServerDaemonOptions } from './route-servers.js';
import { waitFor } from './wait-for.js';

const frrDir = '/usr/lib/frr';

/** bgpd's config (FRR 8.4): accept everything from the node, send nothing back. */
export function renderFrrConfig(options: RouteServerDaemonOptions, logFile: string): string {
  // No update-source: with it bgpd 8.4 waits for its 1 s start timer before dialling.
  const sessions = options.peers.map(
    (peer) => ` neighbor ${peer.nodeAddress} remote-as ${options.peerAs}
 neighbor ${peer.nodeAddress} timers ${Math.max(1, Math.floor(options.holdTime / 3))} ${options.holdTime}
 neighbor ${peer.nodeAddress} timers connect 1`,
  );
  const families = (['ipv4', 'ipv6'] as const).map((family) => {
    const peers = options.peers.filter((peer) => peer.family === family);
    const lines = peers.flatMap((peer) => [`  neighbor ${peer.nodeAddress} activate`, `  neighbor ${peer.nodeAddress} route-map DENY out`]);
    return peers.length === 0 ? '' : ` address-family ${family} unicast\n${lines.join('\n')}\n exit-address-family\n`;
  });
  return `hostname rs-frr
log file ${logFile} debugging
log timestamp precision 6
debug bgp neighbor-events
debug bgp updates in
!
route-map DENY deny 10
!
router bgp ${options.localAs}
 bgp router-id ${options.routerId}
 bgp log-neighbor-changes
 ! 8.4 drops eBGP routes without an inbound policy ("(Policy)", 0 accepted): this server takes all.
 no bgp ebgp-requires-policy
 ! Each session carries one family only: nothing is activated unless listed below.
 no bgp default ipv4-unicast
${sessions.join('\n')}
${families.join('')}!
`;
}

/** vtysh talking to bgpd only, through the vty socket in `dir`; throws when the command fails. */
function bgpdShell(dir: string): (command: string) => Promise<string> {
  return async (command) => {
    const result = await runCommand('vtysh', ['--vty_socket', dir, '-d', 'bgpd', '-c', command]);
    if (result.code !== 0) throw new Error(`vtysh -c '${command}': ${result.stderr.trim() || result.stdout.trim()}`);
    return result.stdout;
  };
}

/** Writes both configs, hands the directory to user frr and dry-runs bgpd's config. */
async function prepareFrr(options: RouteServerDaemonOptions, logFile: string, bgpdArgs: string[]): Promise<void> {
  await writeFile(join(options.dir, 'bgpd.conf'), renderFrrConfig(options, logFile));
  await writeFile(join(options.dir, 'zebra.conf'), 'hostname rs-frr\nlog timestamp precision 6\n');
  // The daemons (and bgpd -C) drop to user frr, which must write its pid files and logs here.
  await runChecked('chown', ['-R', 'frr:frr', options.dir]);
  // bgpd -C exits 0 even when a line fails: any output is an error.
  const check = await runCommand(`${frrDir}/bgpd`, ['-C', ...bgpdArgs]);
  if (`${check.stdout}${check.stderr}`.trim()) throw new Error(`bgpd refuses its config: ${check.stdout}${check.stderr}`);
}

/**
 * Starts zebra and bgpd inside `options.namespace`, both in the foreground (no watchfrr,
 * nothing under /etc/frr). zebra gives bgpd next-hop tracking; `restart()` restarts bgpd only.
 */
export async function startFrr(options: RouteServerDaemonOptions): Promise<RouteServerDaemon> {
  const { dir } = options;
  const zserv = join(dir, 'zserv.api');
  const logFile = join(dir, 'bgpd.log');
  // vty sockets go to --vty_socket DIR, so vtysh reaches the namespaced daemons from outside.
  const common = ['--vty_socket', dir, '-z', zserv, '-P', '0'];
  const bgpdArgs = [...common, '-n', '-f', join(dir, 'bgpd.conf'), '-i', join(dir, 'bgpd.pid')];
  await prepareFrr(options, logFile, bgpdArgs);
  const vtysh = bgpdShell(dir);
  const spawnDaemon = (name: string, args: string[]): NamespaceDaemon =>
    spawnInNamespace(options.namespace, [`${frrDir}/${name}`, ...args], { cwd: dir, logFile: join(dir, `${name}.out`) });

  const zebra = spawnDaemon('zebra', [...common, '-f', join(dir, 'zebra.conf'), '-i', join(dir, 'zebra.pid'), '--log', `file:${join(dir, 'zebra.log')}`]);
  await waitFor(() => existsSync(zserv), { timeoutMs: 10_000, what: `zebra's zserv socket (${dir})` });
  let bgpd: NamespaceDaemon | undefined;
  const startBgpd = async (): Promise<void> => {
    const started = spawnDaemon('bgpd', bgpdArgs);
    bgpd = started;
    const died = started.exited.then(() => {
      throw new Error(`bgpd exited at start (see ${logFile})`);
    });
    await Promise.race([died, waitFor(() => vtysh('show bgp summary json').then(() => true), { timeoutMs: 10_000, what: `bgpd to answer (${logFile})` })]);
  };
  const stopBgpd = async (): Promise<void> => {
    await bgpd?.stop();
    bgpd = undefined;
  };
  await startBgpd();

  return {
    name: 'frr',
    logFile,
    async table() {
      const [ipv4, ipv6] = await Promise.all([vtysh('show bgp ipv4 unicast json detail'), vtysh('show bgp ipv6 unicast json detail')]);
      return toRouteTable([...parseFrrTable(ipv4), ...parseFrrTable(ipv6)]);
    },
    async established() {
      // A daemon that does not answer has no Established session either.
      const sessions = parseFrrSessions(await vtysh('show bgp neighbors json').catch(() => '{}'));
      return options.peers.every((peer) => sessions.get(peer.nodeAddress) === true);
    },
    async restart() {
      await stopBgpd();
      await startBgpd();
    },
    async stop() {
      await stopBgpd();
      await zebra.stop();
    },
  };
}
