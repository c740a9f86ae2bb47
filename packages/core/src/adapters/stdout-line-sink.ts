import type { Writable } from 'node:stream';
import type { Logger } from '../logger.js';
import type { LineSink } from '../runtime/line-sink.js';

/**
 * The only writer of fd 1, which belongs to ExaBGP. Honours backpressure: while the pipe
 * is full, lines wait in order in memory instead of piling into Node's stream buffer;
 * once ExaBGP is gone (EPIPE), lines are dropped and logged rather than crashing.
 */
export function createStdoutLineSink(logger: Logger, stream: Writable = process.stdout): LineSink & { readonly closed: boolean } {
  const waiting: string[] = [];
  let blocked = false;
  let closed = false;
  let flushWaiters: Array<() => void> = [];

  const release = () => {
    if (blocked) return;
    const waiters = flushWaiters;
    flushWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = () => {
    while (!blocked && waiting.length > 0 && !closed) {
      const line = waiting.shift() as string;
      if (!stream.write(`${line}\n`)) {
        blocked = true;
        stream.once('drain', () => {
          blocked = false;
          pump();
          release();
        });
      }
    }
  };

  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed) logger.warn({ err: error, dropped: waiting.length }, 'stdout closed: exabgp is gone');
    closed = true;
    waiting.length = 0;
    blocked = false;
    release();
  });

  return {
    writeLine(line) {
      if (closed) {
        logger.debug({ line }, 'stdout closed; line dropped');
        return;
      }
      waiting.push(line);
      pump();
    },
    flushed() {
      if (closed) return Promise.resolve();
      // Lines waiting on backpressure first; then an empty write, whose callback comes only
      // after every earlier chunk has left the stream: a Writable in front of fd 1 (the
      // stdout guard) buffers lines even when write() said true, and exiting then loses them.
      const written = () =>
        new Promise<void>((resolve) => {
          if (closed || stream.writableLength === 0) resolve();
          else stream.write('', () => resolve());
        });
      if (!blocked) return written();
      return new Promise<void>((resolve) => flushWaiters.push(resolve)).then(written);
    },
    get closed() {
      return closed;
    },
  };
}
