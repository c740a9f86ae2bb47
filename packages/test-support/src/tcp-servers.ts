import { createServer, type Server, type Socket } from 'node:net';

/** A listener started by a test; `stop()` closes it and every connection it accepted. */
export interface TcpServerHandle {
  host: string;
  port: number;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A port that is free on every one of `hosts` right now (e.g. both 127.0.0.1 and ::1, so
 * one server can listen on the same port in both families). Another process could still
 * take it before the caller binds it; callers that start servers retry on EADDRINUSE.
 */
export async function pickFreePort(hosts: string[] = ['127.0.0.1']): Promise<number> {
  const [first, ...rest] = hosts;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const probes: Server[] = [createServer()];
    try {
      const port = await listen(probes[0]!, 0, first ?? '127.0.0.1');
      for (const host of rest) {
        const probe = createServer();
        probes.push(probe);
        await listen(probe, port, host);
      }
      return port;
    } catch {
      // Taken in one of the families: try another port.
    } finally {
      await Promise.all(probes.map((probe) => (probe.listening ? close(probe) : undefined)));
    }
  }
  throw new Error(`no port free on all of ${hosts.join(', ')}`);
}

/** A port nothing listens on: connecting to it is refused. */
export async function reserveClosedPort(host = '127.0.0.1'): Promise<number> {
  return pickFreePort([host]);
}

/** Starts a server with `onConnection` for each socket; all sockets are destroyed on stop. */
export async function startTcpServer(host: string, onConnection: (socket: Socket) => void): Promise<TcpServerHandle> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    onConnection(socket);
  });
  const port = await listen(server, 0, host);
  return {
    host,
    port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await close(server);
    },
  };
}

/** Accepts connections and never says a word: the way a hung service looks from outside. */
export function startSilentTcpServer(host = '127.0.0.1'): Promise<TcpServerHandle> {
  return startTcpServer(host, () => {});
}
