import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createConnection, createServer } from 'node:net';

/** The records the test zone serves; every name must sit inside `zone`. */
export interface DnsZone {
  /** Names in this zone that have no record answer NXDOMAIN (dnsmasq `--local`). */
  zone: string;
  hosts?: Array<{ name: string; addresses: string[] }>;
  txt?: Array<{ name: string; text: string }>;
  mx?: Array<{ name: string; exchange: string; preference: number }>;
  cnames?: Array<{ alias: string; target: string }>;
}

/** A running dnsmasq that answers on 127.0.0.1 and ::1, UDP and TCP, on one free port. */
export interface DnsServerHandle {
  port: number;
  /** `127.0.0.1:PORT`, ready for a check's `server` option. */
  address: string;
  /** `[::1]:PORT`. */
  ipv6Address: string;
  stop(): Promise<void>;
}

const dnsmasqBin = process.env.DNSMASQ_BIN ?? '/usr/sbin/dnsmasq';

/** Starts dnsmasq in the foreground serving `zone` only: no upstreams, no /etc/hosts, no pid file. */
export async function startDnsServer(zone: DnsZone): Promise<DnsServerHandle> {
  let lastError: unknown;
  // A port that was free a moment ago can be taken in between; try a few.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await findFreeUdpAndTcpPort();
    try {
      return await launch(zone, port);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error('dnsmasq did not start', { cause: lastError });
}

function zoneArguments(zone: DnsZone): string[] {
  return [
    `--local=/${zone.zone}/`,
    ...(zone.hosts ?? []).map((h) => `--host-record=${[h.name, ...h.addresses].join(',')}`),
    ...(zone.txt ?? []).map((t) => `--txt-record=${t.name},${t.text}`),
    ...(zone.mx ?? []).map((m) => `--mx-host=${m.name},${m.exchange},${m.preference}`),
    ...(zone.cnames ?? []).map((c) => `--cname=${c.alias},${c.target}`),
  ];
}

async function launch(zone: DnsZone, port: number): Promise<DnsServerHandle> {
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--port=${port}`,
    '--listen-address=127.0.0.1,::1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--pid-file=',
    '--log-facility=-',
    ...zoneArguments(zone),
  ];
  const child = spawn(dnsmasqBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
  };
  try {
    await waitForTcpListener(port, child, 10_000);
  } catch (error) {
    await stop();
    throw new Error(`dnsmasq failed on port ${port}: ${stderr.trim()}`, { cause: error });
  }
  return { port, address: `127.0.0.1:${port}`, ipv6Address: `[::1]:${port}`, stop };
}

async function waitForTcpListener(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('dnsmasq exited');
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dnsmasq not listening after ${timeoutMs}ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** A port free for both UDP and TCP on loopback, since DNS serves both on one port. */
async function findFreeUdpAndTcpPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        const { port: bound } = socket.address();
        socket.close(() => resolve(bound));
      });
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (tcpFree) return port;
  }
}
