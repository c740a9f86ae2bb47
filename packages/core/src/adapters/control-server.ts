import { chmod, mkdir, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { ControlRequest, ControlResponse } from '../control/control-protocol.js';
import { ExaplugError } from '../errors.js';
import type { Logger } from '../logger.js';
import { serveControlConnection, type ControlConnection, type ControlConnectionLimits } from './control-connection.js';
import { createRateLimitedWarning } from './rate-limited-warning.js';

/** Answers one request; a throw becomes an error response with the error's code. */
export type ControlHandler = (request: ControlRequest) => Promise<unknown>;

/** What one exaplug's control socket accepts. The CLI opens one client per command. */
export interface ControlLimits extends ControlConnectionLimits {
  /** Clients connected at once; one more is refused with an error line. */
  maxClients: number;
}

/** 16 clients, 64 KiB lines, 10 s for an answer to be read. */
export const defaultControlLimits: ControlLimits = { maxClients: 16, maxLineBytes: 64 * 1024, stallMs: 10_000 };

/** A listening control socket. */
export interface ControlServer {
  /** Stops accepting clients; those connected finish their requests. */
  close(): void;
  /** Bytes held for each connected client (requests not handled, answers not read). */
  clientBuffers(): number[];
}

/**
 * The control socket: a unix socket only root can open (mode 0600 in a 0700 directory),
 * one JSON request and one JSON response per line. A stale socket file from a killed
 * exaplug is replaced; a socket that answers belongs to a live one and is left alone.
 * A bad client costs a bounded amount of memory (see `serveControlConnection`) and is
 * dropped, with one warning per kind of fault and minute, instead of taking exaplug down.
 */
export async function startControlServer(path: string, handle: ControlHandler, logger: Logger, limits: Partial<ControlLimits> = {}): Promise<ControlServer> {
  const { maxClients, ...connectionLimits } = { ...defaultControlLimits, ...limits };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  if (await isAnswering(path)) {
    throw new ExaplugError('EXAPLUG_CONTROL_SOCKET_TAKEN', `${path}: another exaplug listens there; give each its own control.socket`);
  }
  await rm(path, { force: true });
  const warn = createRateLimitedWarning(logger, { intervalMs: 60_000 });
  const connections = new Map<Socket, ControlConnection>();
  // Half-open, so that `printf '{"command":"status"}\n' | socat - UNIX:…` still gets its answer.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    if (connections.size >= maxClients) {
      refuse(socket, `${maxClients} clients are connected already; try again when one has finished`);
      warn('refused', { socket: path, maxClients }, 'control client refused: too many clients');
      return;
    }
    const dropped = (why: string) => warn(why, { socket: path, why }, `control client dropped: ${why}`);
    connections.set(socket, serveControlConnection(socket, handle, connectionLimits, dropped));
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // No window in which the socket exists with looser permissions than 0600.
    const previous = process.umask(0o177);
    server.listen(path, () => {
      process.umask(previous);
      resolve();
    });
  });
  await chmod(path, 0o600);
  server.unref();
  logger.info({ socket: path }, 'control socket listening');
  return { close: () => void server.close(), clientBuffers: () => [...connections.values()].map((connection) => connection.bufferedBytes()) };
}

/** Answers the refused client's first request with why, without reading what it sends. */
function refuse(socket: Socket, message: string): void {
  const response: ControlResponse = { ok: false, error: { code: 'EXAPLUG_CONTROL_BUSY', message } };
  socket.on('error', () => socket.destroy());
  socket.end(`${JSON.stringify(response)}\n`, () => socket.destroy());
}

/** True when a live process accepts connections on the socket (a stale file refuses them). */
function isAnswering(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
