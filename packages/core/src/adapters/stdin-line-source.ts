import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface LineSourceHandlers {
  onLine(line: string): void;
  /** ExaBGP closed our stdin: it exited or was killed. */
  onEnd(): void;
}

export interface LineSourceLimits {
  /** Lines handled in one turn of the event loop before timers get theirs. */
  sliceLines?: number;
  /** …or this much time, whichever comes first. */
  sliceMs?: number;
  /** Lines waiting before the stream is paused (the pipe then fills, ExaBGP waits a moment). */
  maxQueuedLines?: number;
  /** A longer line is dropped (reported once through onError): ExaBGP never writes one. */
  maxLineLength?: number;
}

const defaults: Required<LineSourceLimits> = { sliceLines: 2000, sliceMs: 10, maxQueuedLines: 20_000, maxLineLength: 16 * 1024 * 1024 };

/**
 * Reads ExaBGP's lines for as long as the process lives, whatever else happens:
 * ExaBGP writes with blocking writes, so a reader that stops for good freezes the whole
 * daemon (no keepalives, sessions drop on hold timer). Lines are handled in bounded
 * slices with a yield between them, so a flood (a full table, a peer flapping) never
 * holds up the check timers; while a slice is being worked off, reading pauses only as
 * long as the queue is full. Handlers must not throw; if one does, the error is reported
 * and reading goes on.
 */
export function readStdinLines(
  handlers: LineSourceHandlers,
  onError: (error: unknown) => void,
  stream: Readable = process.stdin,
  limits: LineSourceLimits = {},
) {
  const { sliceLines, sliceMs, maxQueuedLines, maxLineLength } = { ...defaults, ...limits };
  const decoder = new StringDecoder('utf8');
  const queue: string[] = [];
  let head = 0;
  let partial = '';
  let skippingLongLine = false;
  let ended = false;
  let closed = false;
  let scheduled = false;
  let paused = false;

  const queued = () => queue.length - head;

  const schedule = () => {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(work);
  };

  const work = () => {
    scheduled = false;
    const started = performance.now();
    let handled = 0;
    while (head < queue.length && !closed) {
      const line = queue[head++] as string;
      try {
        handlers.onLine(line);
      } catch (error) {
        onError(error);
      }
      if (++handled >= sliceLines || performance.now() - started >= sliceMs) break;
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 4096) {
      queue.splice(0, head);
      head = 0;
    }
    if (paused && queued() <= maxQueuedLines / 2 && !closed) {
      paused = false;
      stream.resume();
    }
    if (queued() > 0) schedule();
    else if (ended) finish();
  };

  const finish = () => {
    if (closed) return;
    closed = true;
    handlers.onEnd();
  };

  const push = (text: string) => {
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      const piece = text.slice(from, newline);
      from = newline + 1;
      if (skippingLongLine) {
        skippingLongLine = false;
        partial = '';
        continue;
      }
      const line = partial === '' ? piece : partial + piece;
      partial = '';
      queue.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (!skippingLongLine) partial += text.slice(from);
    if (partial.length > maxLineLength) {
      onError(new Error(`a line from exabgp longer than ${maxLineLength} characters was dropped`));
      partial = '';
      skippingLongLine = true;
    }
  };

  const onData = (chunk: Buffer | string) => {
    push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (queued() > maxQueuedLines && !paused) {
      paused = true;
      stream.pause();
    }
    schedule();
  };

  const onEnd = () => {
    const rest = decoder.end() + partial;
    partial = '';
    if (rest !== '' && !skippingLongLine) queue.push(rest);
    ended = true;
    if (queued() === 0) finish();
    else schedule();
  };

  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('close', onEnd);
  stream.on('error', (error) => {
    onError(error);
    onEnd();
  });
  return () => {
    stream.off('data', onData);
    closed = true;
    stream.pause();
  };
}
