import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DualSession } from '@exaplug/test-support/dual-session';
import { startDualSession } from '@exaplug/test-support/dual-session';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

/*
 * Issue 21 §1, live: a check whose watch holds a connection (core's watchListener), fall 3
 * and fastInterval 2 s. When the listener dies the watch's reconnect is refused, the round
 * it triggers fails, and that is the whole fall: BIRD holds the down MED well within one
 * fastInterval, where three failed rounds would take at least 4 s.
 */

const ip = '2001:db8:44::1/128';
const pluginEntry = new URL('../dist/plugin.js', import.meta.url).href;

let dir: string;
let session: DualSession;
let server: Server;
let port: number;
const sockets = new Set<Socket>();

const medInBird = async () => (await session.bird.routes(ip))[0]?.med;

describe('a refused watched connection under a real ExaBGP and BIRD', () => {
  beforeAll(async () => {
    assertBuilt();
    server = createServer((socket) => void sockets.add(socket.on('error', () => {}).on('close', () => sockets.delete(socket))));
    server.listen(0, '::1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
    dir = await mkdtemp(join(tmpdir(), 'exaplug-refused-'));
    await writeFile(
      join(dir, 'port-check.mjs'),
      `import { connect } from 'node:net';
import { defineCheck, watchListener, z } from ${JSON.stringify(pluginEntry)};
export const check = defineCheck({
  name: 'port',
  coreVersion: '*',
  options: z.strictObject({ port: z.number() }),
  create: (options) => ({
    run: () => new Promise((resolve) => {
      const socket = connect({ host: '::1', port: options.port });
      socket.once('connect', () => { socket.destroy(); resolve({ status: 'healthy' }); });
      socket.once('error', (error) => resolve({ status: 'failed', reason: error.code }));
    }),
    watch: (input) => watchListener({ ...input, host: '::1', port: options.port, retryMs: 1000, connectTimeoutMs: 1000 }),
  }),
});
`,
    );
    await writeFile(
      join(dir, 'exaplug.yaml'),
      `defaults: { interval: 10s, fastInterval: 2s, rise: 1, fall: 3, timeout: 1s, minDwell: 0s }
services:
  web:
    ips: [${ip}]
    check: { use: ./port-check.mjs, with: { port: ${port} } }
`,
    );
    session = await startDualSession({ run: exaplugRun(join(dir, 'exaplug.yaml')) });
  }, 30_000);

  afterAll(async () => {
    await session?.stop();
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('goes down at once when the listener dies, fall 3 notwithstanding', async () => {
    await waitFor(async () => (await medInBird()) === 100, { timeoutMs: 15_000, what: 'BIRD to hold the up MED' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the watch's connection is up
    const killedAt = performance.now();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
    await waitFor(async () => (await medInBird()) === 1000, { timeoutMs: 10_000, intervalMs: 5, what: 'BIRD to hold the down MED' });
    const tookMs = performance.now() - killedAt;
    process.stderr.write(`refused → down MED in BIRD: ${tookMs.toFixed(0)} ms (fall 3, fastInterval 2 s; birdc polling included)\n`);
    expect(tookMs).toBeLessThan(1500);
  }, 30_000);
});
