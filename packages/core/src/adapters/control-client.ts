import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ControlRequest, ControlResponse } from '../control/control-protocol.js';
import { ExaplugError } from '../errors.js';

/** Sends one request to a running exaplug and returns its response. */
export function sendControlRequest(path: string, request: ControlRequest, timeoutMs = 30_000): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${path}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? 'no exaplug is listening there (is `exaplug run` running with this config?)' : error.message;
      reject(new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${path}: ${why}`, { cause: error }));
    });
    socket.once('connect', () => {
      socket.write(`${JSON.stringify(request)}\n`);
      // Made once connected: readline re-emits its input's errors, which are handled above.
      const lines = createInterface({ input: socket });
      lines.on('error', () => {});
      lines.once('line', (line) => {
        clearTimeout(timer);
        socket.end();
        try {
          resolve(JSON.parse(line) as ControlResponse);
        } catch (error) {
          reject(new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${path}: not an exaplug control socket`, { cause: error }));
        }
      });
    });
  });
}

/** The unix sockets in a directory (every exaplug of a host has one in /run/exaplug), sorted. */
export async function listControlSockets(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${directory}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory: no exaplug runs here' : (error as Error).message}`, { cause: error });
  }
  return entries.filter((entry) => entry.isSocket()).map((entry) => join(directory, entry.name)).sort();
}
