import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdinLines } from './stdin-line-source.js';

function collect(limits = {}) {
  const stream = new PassThrough();
  const lines: string[] = [];
  const errors: unknown[] = [];
  let ended = false;
  const stop = readStdinLines(
    {
      onLine: (line) => {
        if (line === 'throw') throw new Error('handler bug');
        lines.push(line);
      },
      onEnd: () => (ended = true),
    },
    (error) => errors.push(error),
    stream,
    limits,
  );
  const done = () => new Promise<void>((resolve) => {
    const poll = () => (ended ? resolve() : setTimeout(poll, 1));
    poll();
  });
  return { stream, lines, errors, stop, done, get ended() { return ended; } };
}

describe('readStdinLines', () => {
  it('splits chunks into lines across chunk borders, drops CR of CRLF, and keeps the last line without LF', async () => {
    const source = collect();
    source.stream.write('neighbor 127.0.0.1 u');
    source.stream.write('p\r\ndone\n\nlast');
    source.stream.end();
    await source.done();
    expect(source.lines).toEqual(['neighbor 127.0.0.1 up', 'done', '', 'last']);
  });

  it('reports a handler that throws and goes on reading', async () => {
    const source = collect();
    source.stream.end('a\nthrow\nb\n');
    await source.done();
    expect(source.lines).toEqual(['a', 'b']);
    expect(source.errors).toHaveLength(1);
  });

  it('lets timers run between slices of a flood instead of handling it in one go', async () => {
    const source = collect({ sliceLines: 1000 });
    const seenByTimer = new Promise<number>((resolve) => setTimeout(() => resolve(source.lines.length), 0));
    source.stream.end('neighbor 127.0.0.1 down\n'.repeat(50_000));
    const handledWhenTimerRan = await seenByTimer;
    await source.done();
    expect(source.lines).toHaveLength(50_000);
    expect(handledWhenTimerRan).toBeLessThan(50_000);
  });

  it('pauses the stream while too many lines wait, and resumes once they are handled', async () => {
    const source = collect({ sliceLines: 100, maxQueuedLines: 500 });
    source.stream.write('x\n'.repeat(2000));
    expect(source.stream.isPaused()).toBe(true);
    source.stream.end();
    await source.done();
    expect(source.lines).toHaveLength(2000);
  });

  it('drops a line longer than the limit, reports it, and reads the next one', async () => {
    const source = collect({ maxLineLength: 100 });
    source.stream.write('y'.repeat(60));
    source.stream.write('y'.repeat(60));
    source.stream.end('y\nnext\n');
    await source.done();
    expect(source.lines).toEqual(['next']);
    expect(String(source.errors[0])).toContain('longer than 100');
  });
});
