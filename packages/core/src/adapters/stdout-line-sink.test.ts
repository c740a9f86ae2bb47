import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { createStdoutLineSink } from './stdout-line-sink.js';

/** A pipe that takes one chunk per `release()`, like ExaBGP reading slowly. */
function slowPipe() {
  const received: string[] = [];
  const pending: Array<() => void> = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk.toString());
      pending.push(callback);
    },
  });
  return { stream, received, release: () => pending.shift()?.() };
}

/** A pipe that takes every chunk at once and keeps them as written. */
function recordingPipe() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, chunks };
}

describe('the stdout line sink', () => {
  it('keeps lines in order while the pipe is full and flushes them when it drains', async () => {
    const pipe = slowPipe();
    const sink = createStdoutLineSink(createRecordingLogger(), pipe.stream);
    sink.writeLine('announce route 192.0.2.1/32 next-hop self med 100');
    await Promise.resolve();
    for (const n of [2, 3]) sink.writeLine(`announce route 192.0.2.${n}/32 next-hop self med 100`);
    expect(pipe.received).toHaveLength(1);
    let flushed = false;
    void sink.flushed().then(() => (flushed = true));
    for (let i = 0; i < 5; i++) {
      pipe.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(pipe.received.join('')).toBe([1, 2, 3].map((n) => `announce route 192.0.2.${n}/32 next-hop self med 100\n`).join(''));
    expect(flushed).toBe(true);
  });

  it('writes the lines of one tick in one chunk, at the end of that tick', async () => {
    const { stream, chunks } = recordingPipe();
    const sink = createStdoutLineSink(createRecordingLogger(), stream);
    for (const n of [1, 2, 3]) sink.writeLine(`announce route 192.0.2.${n}/32 next-hop self med 100`);
    expect(chunks).toEqual([]);
    await Promise.resolve();
    expect(chunks).toEqual([[1, 2, 3].map((n) => `announce route 192.0.2.${n}/32 next-hop self med 100\n`).join('')]);
  });

  it('has every line written before flushed() in the stream when it resolves', async () => {
    const { stream, chunks } = recordingPipe();
    const sink = createStdoutLineSink(createRecordingLogger(), stream);
    sink.writeLine('withdraw route 192.0.2.1/32 next-hop self');
    await sink.flushed();
    expect(chunks.join('')).toBe('withdraw route 192.0.2.1/32 next-hop self\n');
  });

  it('drops lines, without throwing, once ExaBGP has closed the pipe', async () => {
    const logger = createRecordingLogger();
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const sink = createStdoutLineSink(logger, stream);
    sink.writeLine('withdraw route 192.0.2.1/32 next-hop self');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.closed).toBe(true);
    expect(() => sink.writeLine('withdraw route 192.0.2.2/32 next-hop self')).not.toThrow();
    await expect(sink.flushed()).resolves.toBeUndefined();
    expect(logger.records.some((r) => r.msg === 'stdout closed: exabgp is gone')).toBe(true);
  });
});
