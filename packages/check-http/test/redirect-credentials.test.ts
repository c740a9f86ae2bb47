import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCheckContext } from '@exaplug/core/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

/** A server on 127.0.0.1 that answers with `answer` and keeps the headers of each request by path. */
interface RecordingServer {
  origin: string;
  seen: Map<string, IncomingHttpHeaders>;
  server: Server;
}

async function startRecordingServer(answer: (path: string) => { status: number; location?: string }): Promise<RecordingServer> {
  const seen = new Map<string, IncomingHttpHeaders>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    seen.set(path, request.headers);
    const { status, location } = answer(path);
    response.writeHead(status, location === undefined ? {} : { location });
    response.end('ok\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let a: RecordingServer;
let b: RecordingServer;

beforeAll(async () => {
  // Two ports on one address are two origins: a redirect from A to B leaves A's origin.
  b = await startRecordingServer(() => ({ status: 200 }));
  a = await startRecordingServer((path) =>
    path === '/to-b' ? { status: 302, location: `${b.origin}/landed` } : path === '/to-a' ? { status: 302, location: '/landed' } : { status: 200 },
  );
});

afterAll(async () => {
  for (const { server } of [a, b]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function follow(url: string) {
  const options = check.options.parse({
    url,
    followRedirects: true,
    watch: false,
    headers: { Authorization: 'Bearer secret-token', Cookie: 'session=secret', 'X-Probe': 'kept' },
  });
  const instance = await check.create(options, createCheckContext({ serviceName: 'web', configDir: '.' }));
  try {
    return await instance.run({ signal: new AbortController().signal });
  } finally {
    await instance.close?.();
  }
}

describe('configured credentials and redirects', () => {
  it('does not send Authorization or Cookie to the origin a redirect names', async () => {
    expect(await follow(`${a.origin}/to-b`)).toMatchObject({ status: 'healthy' });
    expect(a.seen.get('/to-b')).toMatchObject({ authorization: 'Bearer secret-token', cookie: 'session=secret' });
    const atB = b.seen.get('/landed');
    expect(atB).toMatchObject({ 'x-probe': 'kept' });
    expect(atB).not.toHaveProperty('authorization');
    expect(atB).not.toHaveProperty('cookie');
  });

  it('keeps them on a redirect within the same origin', async () => {
    expect((await follow(`${a.origin}/to-a`)).status).toBe('healthy');
    expect(a.seen.get('/landed')).toMatchObject({ authorization: 'Bearer secret-token', cookie: 'session=secret' });
  });
});
