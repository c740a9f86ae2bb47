import type { Socket } from 'node:net';
import { parseControlRequest, type ControlResponse } from '../control/control-protocol.js';
import { isExaplugError } from '../errors.js';
import type { ControlHandler } from './control-server.js';

/** How much one control client may make the server hold. */
export interface ControlConnectionLimits {
  /** Longest request line, in bytes; a longer one is refused and the client dropped. */
  maxLineBytes: number;
  /** How long an answer may wait for the client to read it before the client is dropped. */
  stallMs: number;
}

/** One connected control client, as the server sees it. */
export interface ControlConnection {
  /** Bytes held for this client: request bytes not yet handled plus answer bytes not yet read. */
  bufferedBytes(): number;
}

/**
 * Serves one client one request at a time: the socket is paused while a request is handled
 * and until its answer is written out, so a client that writes and never reads fills its
 * own socket buffers, not exaplug's memory, and is dropped once an answer waits `stallMs`.
 * Answers come in the order of the requests; a client that half-closes still gets them.
 */
export function serveControlConnection(
  socket: Socket,
  handle: ControlHandler,
  limits: ControlConnectionLimits,
  dropped: (why: string) => void,
): ControlConnection {
  let pending: Buffer = Buffer.alloc(0);
  let isBusy = false;
  let hasEnded = false;
  const pump = (): void => {
    while (!isBusy && !socket.destroyed) {
      const end = pending.indexOf(0x0a);
      if ((end === -1 ? pending.length : end) > limits.maxLineBytes) {
        isBusy = true; // for good: nothing more is read from this client
        pending = Buffer.alloc(0);
        endWithRefusal(socket, `request line longer than ${describeBytes(limits.maxLineBytes)}`);
        return dropped('request line too long');
      }
      if (end === -1) {
        if (hasEnded) socket.end();
        else socket.resume();
        return;
      }
      const line = pending.subarray(0, end).toString('utf8').replace(/\r$/, '');
      pending = pending.subarray(end + 1);
      if (line.trim() === '') continue;
      isBusy = true;
      socket.pause();
      void answer(line).then(() => {
        isBusy = false;
        pump();
      });
    }
  };

  const answer = async (line: string): Promise<void> => {
    if (send(socket, await respond(handle, line)) || socket.destroyed) return;
    await drained(socket, limits.stallMs, () => {
      dropped('does not read its answers');
      socket.destroy();
    });
  };

  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    pump();
  });
  socket.on('end', () => {
    hasEnded = true;
    pump();
  });
  socket.on('error', () => socket.destroy());
  return { bufferedBytes: () => pending.length + socket.readableLength + socket.writableLength };
}

/** False when the answer waits in exaplug's memory for the client to read it. */
function send(socket: Socket, response: ControlResponse): boolean {
  return !socket.writable || socket.write(`${JSON.stringify(response)}\n`);
}

/** Says why and closes, reading nothing more from the client. */
function endWithRefusal(socket: Socket, message: string): void {
  socket.pause();
  send(socket, { ok: false, error: { code: 'EXAPLUG_CONTROL_REQUEST', message } });
  socket.end(() => socket.destroy());
}

/** The response to one request line; a handler's throw becomes a refusal with its code. */
async function respond(handle: ControlHandler, line: string): Promise<ControlResponse> {
  const request = parseControlRequest(line);
  if (!request) return { ok: false, error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'not a control request' } };
  try {
    return { ok: true, result: (await handle(request)) ?? null };
  } catch (error) {
    const code = isExaplugError(error) ? error.code : 'EXAPLUG_CONTROL_REQUEST';
    return { ok: false, error: { code, message: (error as Error)?.message ?? String(error) } };
  }
}

/** Resolves once the socket has written its queue out or closed; calls `stalled` after `stallMs` without that. */
function drained(socket: Socket, stallMs: number, stalled: () => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(() => {
      stalled();
      done();
    }, stallMs);
    socket.once('drain', done);
    socket.once('close', done);
  });
}

function describeBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
