import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CheckWatchEvidence } from './define-check.js';
import { watchListener } from './watch-listener.js';

async function listening(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket.on('error', () => {}).on('close', () => sockets.delete(socket)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port, sockets };
}

describe('watchListener', () => {
  it('tells a refused reconnect as conclusive evidence, and the listener back without it', async () => {
    const { server, port, sockets } = await listening();
    const told: Array<{ reason: string; evidence: CheckWatchEvidence | undefined }> = [];
    const controller = new AbortController();
    watchListener({ host: '127.0.0.1', port, signal: controller.signal, retryMs: 50, connectTimeoutMs: 500, changed: (reason, evidence) => void told.push({ reason, evidence }) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the held connection is up
      // A killed process: the listener goes, and the kernel closes its connections.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await expect.poll(() => told.length).toBe(1);
      expect(told[0]).toEqual({ reason: `127.0.0.1:${port} refuses connections`, evidence: { refused: true } });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      await expect.poll(() => told.length, { timeout: 2000 }).toBe(2);
      expect(told[1]).toEqual({ reason: `127.0.0.1:${port} accepts connections again`, evidence: undefined });
    } finally {
      controller.abort();
      server.close();
    }
  });

  it('sees a dying server that still accepts and resets a reconnect within tens of ms, not at retryMs', async () => {
    const { server, port, sockets } = await listening();
    const told: string[] = [];
    const controller = new AbortController();
    watchListener({ host: '127.0.0.1', port, signal: controller.signal, retryMs: 2000, connectTimeoutMs: 500, changed: (reason) => void told.push(reason) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the held connection is up
      // Shutting down: the held connection closes, the next one is accepted and reset at once.
      server.removeAllListeners('connection');
      server.on('connection', (socket: Socket) => socket.on('error', () => {}).destroy());
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const closedAt = performance.now();
      server.close();
      await expect.poll(() => told.length, { timeout: 1500, interval: 5 }).toBe(1);
      expect(told[0]).toBe(`127.0.0.1:${port} refuses connections`);
      // The old rule waited retryMs (2 s here) after the second quick close.
      expect(performance.now() - closedAt).toBeLessThan(500);
    } finally {
      controller.abort();
      server.close();
    }
  });
});
