import type { Readable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';

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
 * and reading goes on. Returns the function that stops reading.
 */
export function readStdinLines(
  handlers: LineSourceHandlers,
  onError: (error: unknown) => void,
  stream: Readable = process.stdin,
  limits: LineSourceLimits = {},
): () => void {
  const reader = new SlicedLineReader(handlers, onError, stream, { ...defaults, ...limits });
  return () => reader.stop();
}

/** The queue between the stream and the handlers, worked off one slice per event-loop turn. */
class SlicedLineReader {
  private readonly queue: string[] = [];
  private head = 0;
  private readonly splitter: LineSplitter;
  private ended = false;
  private closed = false;
  private scheduled = false;
  private paused = false;

  constructor(
    private readonly handlers: LineSourceHandlers,
    private readonly onError: (error: unknown) => void,
    private readonly stream: Readable,
    private readonly limits: Required<LineSourceLimits>,
  ) {
    this.splitter = new LineSplitter(limits.maxLineLength, (line) => this.queue.push(line), onError);
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('close', this.onEnd);
    stream.on('error', (error) => {
      onError(error);
      this.onEnd();
    });
  }

  stop(): void {
    this.stream.off('data', this.onData);
    this.closed = true;
    this.stream.pause();
  }

  private get queued(): number {
    return this.queue.length - this.head;
  }

  private readonly onData = (chunk: Buffer | string): void => {
    this.splitter.push(chunk);
    if (this.queued > this.limits.maxQueuedLines && !this.paused) {
      this.paused = true;
      this.stream.pause();
    }
    this.schedule();
  };

  private readonly onEnd = (): void => {
    this.splitter.end();
    this.ended = true;
    if (this.queued === 0) this.finish();
    else this.schedule();
  };

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.work());
  }

  private work(): void {
    this.scheduled = false;
    const { sliceLines, sliceMs, maxQueuedLines } = this.limits;
    const started = performance.now();
    let handled = 0;
    while (this.head < this.queue.length && !this.closed) {
      const line = this.queue[this.head++] as string;
      try {
        this.handlers.onLine(line);
      } catch (error) {
        this.onError(error);
      }
      if (++handled >= sliceLines || performance.now() - started >= sliceMs) break;
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 4096) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.paused && this.queued <= maxQueuedLines / 2 && !this.closed) {
      this.paused = false;
      this.stream.resume();
    }
    if (this.queued > 0) this.schedule();
    else if (this.ended) this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onEnd();
  }
}
