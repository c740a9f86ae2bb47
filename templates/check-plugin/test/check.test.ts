import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createCheckContext } from '@exaplug/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { check, exampleOptions } from '../src/index.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();

/** A real TCP server on loopback that answers each connection the way `answer` says. */
async function listen(answer: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    answer(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Answers `PING` with `+PONG`, like Redis does. */
function pong(socket: Socket): void {
  socket.on('data', (data) => {
    if (data.toString().startsWith('PING')) socket.write('+PONG\r\n');
  });
}

async function runOnce(options: unknown, signal = AbortSignal.timeout(5000)) {
  const context = createCheckContext({ serviceName: 'svc' });
  const instance = await check.create(exampleOptions.parse(options), context);
  return instance.run({ signal });
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('example check', () => {
  it('is healthy when the reply contains the expected text', async () => {
    const port = await listen(pong);
    const result = await runOnce({ port, send: 'PING\r\n', expect: '+PONG' });
    expect(result.status).toBe('healthy');
    expect(result.reason).toContain('+PONG');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails when the reply lacks the expected text', async () => {
    const port = await listen((socket) => socket.end('-ERR unknown command\r\n'));
    const result = await runOnce({ port, send: 'PING\r\n', expect: '+PONG' });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('-ERR unknown command');
  });

  it('fails with the connection error when nothing listens', async () => {
    const port = await listen(pong);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const result = await runOnce({ port, expect: '+PONG' });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('ECONNREFUSED');
  });

  it('fails when the signal aborts before a reply arrives', async () => {
    const port = await listen(() => {});
    const result = await runOnce({ port, send: 'PING\r\n', expect: '+PONG' }, AbortSignal.timeout(100));
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('in time');
  });

  it('is degraded when the reply is slower than slowAfter', async () => {
    const port = await listen((socket) => setTimeout(() => socket.write('220 ready\r\n'), 200));
    const result = await runOnce({ port, expect: '220 ', slowAfter: '50ms' });
    expect(result.status).toBe('degraded');
    expect(result.reason).toContain('slower than 50ms');
  });

  it('declares the core versions it supports', () => {
    expect(check.coreVersion).toBe('^0.1.0');
    expect(check.name).toBe('example');
  });
});
