import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked, runCommand, spawnInNamespace, type NamespaceDaemon } from './netns.js';
import { parseBirdSessions, parseBirdTable, toRouteTable } from './route-server-table.js';
import type { RouteServerDaemon, RouteServerDaemonOptions, RouteServerPeer } from './route-servers.js';
import { waitFor } from './wait-for.js';

/** The BIRD protocol of a session: node4, node6. */
export function birdProtocolName(peer: RouteServerPeer): string {
  return `node${peer.family === 'ipv4' ? 4 : 6}`;
}

/** BIRD 2's config: one protocol per session, import all, export none. */
export function renderBirdRouteServerConfig(options: RouteServerDaemonOptions, logFile: string): string {
  const sessions = options.peers.map(
    (peer) => `protocol bgp ${birdProtocolName(peer)} from node {
  local ${peer.localAddress} as ${options.localAs};
  neighbor ${peer.nodeAddress} as ${options.peerAs};
  ${peer.family} { import all; export none; };
}`,
  );
  return `log "${logFile}" all;
router id ${options.routerId};
timeformat base iso long ms;
timeformat log iso long us;
timeformat protocol iso long ms;
timeformat route iso long us;
protocol device { scan time 10; }
template bgp node {
  hold time ${options.holdTime};
  keepalive time ${Math.max(1, Math.floor(options.holdTime / 3))};
  # BIRD dials the node (ExaBGP listens): about 1 s after start, whatever is set below 1.
  connect delay time 1;
  connect retry time 1;
  # The defaults (60 s, 300 s) keep a session that failed twice down for minutes.
  error wait time 1, 5;
  error forget time 10;
  strict bind on;
  debug { states, routes, events };
}
${sessions.join('\n')}
`;
}

/** Starts BIRD 2 in the foreground inside `options.namespace`; birdc talks to it through a socket in `options.dir`. */
export async function startBirdInNamespace(options: RouteServerDaemonOptions): Promise<RouteServerDaemon> {
  const config = join(options.dir, 'bird.conf');
  const socket = join(options.dir, 'bird.ctl');
  const logFile = join(options.dir, 'bird.log');
  await writeFile(config, renderBirdRouteServerConfig(options, logFile));
  await runChecked('/usr/sbin/bird', ['-p', '-c', config]);

  const birdc = async (command: string): Promise<string> => {
    const result = await runCommand('/usr/sbin/birdc', ['-s', socket, ...command.split(' ')]);
    // birdc exits non-zero for answers such as "Network not found": only a missing reply is an error.
    if (!result.stdout.includes('BIRD ') || result.stdout.includes('Unable to connect')) {
      throw new Error(`birdc ${command}: ${result.stderr.trim() || result.stdout.trim()}`);
    }
    return result.stdout;
  };
  let daemon: NamespaceDaemon | undefined;
  const start = async (): Promise<void> => {
    const started = spawnInNamespace(options.namespace, ['/usr/sbin/bird', '-f', '-c', config, '-s', socket, '-P', join(options.dir, 'bird.pid')], {
      cwd: options.dir,
      logFile: join(options.dir, 'bird.out'),
    });
    daemon = started;
    const died = started.exited.then(() => {
      throw new Error(`bird exited at start (see ${logFile})`);
    });
    await Promise.race([died, waitFor(() => birdc('show status').then((out) => out.includes('Daemon is up')), { timeoutMs: 10_000, what: `BIRD to answer (${logFile})` })]);
  };
  const stop = async (): Promise<void> => {
    await daemon?.stop();
    daemon = undefined;
  };
  await start();

  return {
    name: 'bird',
    logFile,
    async table() {
      return toRouteTable(parseBirdTable(await birdc('show route all')));
    },
    async established() {
      // A daemon that does not answer has no Established session either.
      const sessions = parseBirdSessions(await birdc('show protocols').catch(() => ''));
      return options.peers.every((peer) => sessions.get(birdProtocolName(peer)) === true);
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}
