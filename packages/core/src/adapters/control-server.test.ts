import { mkdtemp, rm, stat } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Logger } from '../logger.js';
import { sendControlRequest } from './control-client.js';
import { startControlServer } from './control-server.js';

describe('the control socket', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-control-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers requests line by line, with the code of a refusal, and only root may open it', async () => {
    const path = join(dir, 'a', 'control.sock');
    const server = await startControlServer(
      path,
      async (request) => {
        if (request.command === 'recheck') throw Object.assign(new Error('no service named "x"'), { code: 'X' });
        return { echoed: request.command };
      },
      silentLogger,
    );
    try {
      expect(await sendControlRequest(path, { command: 'status' })).toEqual({ ok: true, result: { echoed: 'status' } });
      expect(await sendControlRequest(path, { command: 'recheck', services: ['x'] })).toEqual({
        ok: false,
        error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'no service named "x"' },
      });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
      // A second exaplug with the same socket must not steal it from the live one.
      await expect(startControlServer(path, async () => null, silentLogger)).rejects.toThrow(/another exaplug listens there/);
    } finally {
      server.close();
    }
  });

  it('says plainly when nobody listens', async () => {
    await expect(sendControlRequest(join(dir, 'none.sock'), { command: 'status' })).rejects.toThrow(/no exaplug is listening there/);
  });
});

/** A client that connects and keeps what the server sends, or closes, without answering it. */
function openClient(path: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = '';
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.on('error', () => {});
      resolve({ socket, received: () => text, closed });
    });
    socket.on('data', (chunk) => (text += chunk.toString()));
  });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger = { ...silentLogger, warnings, warn: (obj: object | string, msg?: string) => void warnings.push(msg ?? String(obj)), child: () => logger };
  return logger;
}

describe('the control socket, with a bad client', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-control-bad-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // A status report of a few kilobytes, as a host with some services answers.
  const status = async () => ({ services: Array.from({ length: 40 }, (_, index) => ({ name: `service-${index}`, state: 'up', reason: 'x'.repeat(100) })) });

  it('bounds what it holds for a client that writes requests and never reads, then drops it', async () => {
    const path = join(dir, 'flood.sock');
    const logger = recordingLogger();
    const server = await startControlServer(path, status, logger, { stallMs: 500 });
    const flooder = await openClient(path);
    flooder.socket.pause();
    try {
      const rssBefore = process.memoryUsage().rss;
      for (let index = 0; index < 20_000; index += 1) flooder.socket.write('{"command":"status"}\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
      expect(Math.max(...server.clientBuffers())).toBeLessThan(1024 * 1024);
      await within(flooder.closed, 3000, 'the flooding client was not dropped');
      expect(logger.warnings.filter((warning) => /control client dropped/.test(warning))).toHaveLength(1);
      expect(await sendControlRequest(path, { command: 'status' })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(server.clientBuffers()).toEqual([]));
    } finally {
      flooder.socket.destroy();
      server.close();
    }
  });

  it('refuses the 17th client with a clear error line, logging the refusals once', async () => {
    const path = join(dir, 'crowd.sock');
    const logger = recordingLogger();
    const server = await startControlServer(path, async () => 'ok', logger);
    const crowd = await Promise.all(Array.from({ length: 16 }, () => openClient(path)));
    try {
      const refused = await sendControlRequest(path, { command: 'status' });
      expect(refused).toEqual({ ok: false, error: { code: 'EXAPLUG_CONTROL_BUSY', message: expect.stringMatching(/16 clients are connected already/) } });
      await sendControlRequest(path, { command: 'status' });
      expect(logger.warnings.filter((warning) => /control client refused/.test(warning))).toHaveLength(1);
      crowd[0]?.socket.destroy();
      await crowd[0]?.closed;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await sendControlRequest(path, { command: 'status' })).toEqual({ ok: true, result: 'ok' });
    } finally {
      for (const client of crowd) client.socket.destroy();
      server.close();
    }
  });

  it('drops a client whose request line passes the length cap, saying why', async () => {
    const path = join(dir, 'long.sock');
    const server = await startControlServer(path, async () => 'ok', silentLogger);
    const client = await openClient(path);
    try {
      client.socket.write('{"command":"' + 'x'.repeat(200_000));
      await within(client.closed, 2000, 'the client with an endless line was not dropped');
      expect(JSON.parse(client.received().trim())).toEqual({
        ok: false,
        error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'request line longer than 64 KiB' },
      });
    } finally {
      client.socket.destroy();
      server.close();
    }
  });

  it('answers pipelined requests in order, and a request sent before the client half-closes', async () => {
    const path = join(dir, 'pipe.sock');
    const server = await startControlServer(path, async (request) => request.command, silentLogger);
    const client = await openClient(path);
    try {
      client.socket.end('{"command":"status"}\n{"command":"reload"}\nnonsense\n');
      await within(client.closed, 2000, 'the half-closed client was not answered and closed');
      expect(client.received().trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
        { ok: true, result: 'status' },
        { ok: true, result: 'reload' },
        { ok: false, error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'not a control request' } },
      ]);
    } finally {
      client.socket.destroy();
      server.close();
    }
  });
});
