import type { Socket } from 'node:net';
import { describeReceived } from './describe-received.js';
import { TcpFailure } from './tcp-failure.js';

/** Collects what a socket receives so script steps can wait for a match in it. */
export interface SocketReader {
  /** Bytes received and not yet consumed by a met expectation. */
  unconsumed(): Buffer;
  /**
   * Resolves once `findEnd` finds a match, consuming the data up to its end; rejects with a
   * TcpFailure when the peer closes or sends too much first, or with `signal.reason`.
   */
  waitFor(label: string, findEnd: (received: Buffer) => number, signal: AbortSignal): Promise<void>;
}

/** Starts collecting from `socket` right away, so nothing sent early is lost. */
export function createSocketReader(socket: Socket, maxReadBytes: number): SocketReader {
  let received = Buffer.alloc(0);
  let closedBecause: string | undefined;
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    wake?.();
  });
  const onClosed = () => {
    closedBecause ??= 'connection closed';
    wake?.();
  };
  socket.on('end', onClosed);
  socket.on('close', onClosed);
  socket.on('error', (error: NodeJS.ErrnoException) => {
    closedBecause = error.code === 'ECONNRESET' ? 'connection reset' : `connection error (${error.message})`;
    wake?.();
  });

  return {
    unconsumed: () => received,
    waitFor(label, findEnd, signal) {
      return new Promise((resolve, reject) => {
        const finish = (error?: unknown) => {
          wake = undefined;
          signal.removeEventListener('abort', onAbort);
          if (error === undefined) resolve();
          else reject(error);
        };
        const onAbort = () => finish(signal.reason);
        const look = () => {
          const end = findEnd(received);
          if (end >= 0) {
            received = received.subarray(end);
            finish();
          } else if (received.length > maxReadBytes) {
            finish(new TcpFailure(`${label} not found in the first ${maxReadBytes} bytes`));
          } else if (closedBecause !== undefined) {
            finish(new TcpFailure(`${closedBecause} before ${label} arrived, ${describeReceived(received)}`));
          }
        };
        wake = look;
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) onAbort();
        else look();
      });
    },
  };
}
