import { chmod, mkdir, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { parseControlRequest, type ControlRequest, type ControlResponse } from '../control/control-protocol.js';
import { ExaplugError, isExaplugError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Answers one request; a throw becomes an error response with the error's code. */
export type ControlHandler = (request: ControlRequest) => Promise<unknown>;

/**
 * The control socket: a unix socket only root can open (mode 0600 in a 0700 directory),
 * one JSON request and one JSON response per line. A stale socket file from a killed
 * exaplug is replaced; a socket that answers belongs to a live one and is left alone.
 */
export async function startControlServer(path: string, handle: ControlHandler, logger: Logger): Promise<Server> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  if (await isAnswering(path)) {
    throw new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${path}: another exaplug listens there; give each its own control.socket`);
  }
  await rm(path, { force: true });
  const server = createServer((socket) => {
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const request = parseControlRequest(line);
      const answer = (response: ControlResponse) => socket.writable && socket.write(`${JSON.stringify(response)}\n`);
      if (!request) {
        answer({ ok: false, error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'not a control request' } });
        return;
      }
      handle(request).then(
        (result) => answer({ ok: true, result: result ?? null }),
        (error: unknown) =>
          answer({ ok: false, error: { code: isExaplugError(error) ? error.code : 'EXAPLUG_CONTROL_REQUEST', message: (error as Error)?.message ?? String(error) } }),
      );
    });
    socket.on('error', () => socket.destroy());
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
  return server;
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
