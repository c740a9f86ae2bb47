import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface LineSourceHandlers {
  onLine(line: string): void;
  /** ExaBGP closed our stdin: it exited or was killed. */
  onEnd(): void;
}

/**
 * Reads ExaBGP's lines for as long as the process lives, whatever else happens:
 * ExaBGP writes with blocking writes, so a reader that pauses freezes the whole daemon
 * (no keepalives, sessions drop on hold timer). Handlers must not throw; if one does,
 * the error is reported and reading goes on.
 */
export function readStdinLines(handlers: LineSourceHandlers, onError: (error: unknown) => void, stream: Readable = process.stdin) {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  lines.on('line', (line) => {
    try {
      handlers.onLine(line);
    } catch (error) {
      onError(error);
    }
  });
  lines.on('close', () => handlers.onEnd());
  return () => lines.close();
}
