import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, runCheckWithTimeout } from '@exaplug/core';
import { type CheckInstance, type CheckResult, createCheckContext } from '@exaplug/core/plugin';
import { startNginx, type NginxHandle } from '@exaplug/test-support/nginx';
import {
  reserveClosedPort,
  startSilentTcpServer,
  startTcpServer,
  type TcpServerHandle,
} from '@exaplug/test-support/tcp-servers';
import { createSelfSignedCert } from '@exaplug/test-support/tls-certs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const getHealth = { send: 'GET /health HTTP/1.0\r\n\r\n' };
let dir: string;
let nginx: NginxHandle;
let silent: TcpServerHandle;
const instances: CheckInstance[] = [];

async function runCheck(options: Record<string, unknown>, signal = new AbortController().signal): Promise<CheckResult> {
  const context = createCheckContext({ serviceName: 'db', configDir: dir });
  const instance = await check.create(check.options.parse(options), context);
  instances.push(instance);
  return instance.run({ signal });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-check-tcp-'));
  const cert = await createSelfSignedCert(dir, 'server', ['IP:127.0.0.1', 'IP:::1']);
  nginx = await startNginx(
    {
      locations: `
        location = /health { return 200 "ok\\n"; }
        location = /big { try_files /big.txt =404; }`,
      tls: cert,
    },
    dir,
  );
  await writeFile(join(dir, 'html', 'big.txt'), 'x'.repeat(50_000));
  silent = await startSilentTcpServer('127.0.0.1');
}, 30_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close?.()));
  await silent?.stop();
  await nginx?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('tcp check, connect only', () => {
  it('is healthy when the port accepts, over IPv4 and IPv6', async () => {
    const v4 = await runCheck({ host: '127.0.0.1', port: nginx.httpPort });
    expect(v4.status).toBe('healthy');
    expect(v4.reason).toMatch(/^connected in \d+m?s$/);
    expect((await runCheck({ host: '::1', port: nginx.httpPort })).status).toBe('healthy');
    expect((await runCheck({ host: '[::1]', port: nginx.httpPort })).status).toBe('healthy');
  });

  it('says connection refused for a closed port', async () => {
    const port = await reserveClosedPort('127.0.0.1');
    expect(await runCheck({ host: '127.0.0.1', port })).toMatchObject({ status: 'failed', reason: 'connection refused' });
  });
});

describe('tcp check with a send/expect script against nginx', () => {
  it('passes when the answer contains what is expected', async () => {
    const result = await runCheck({
      host: '127.0.0.1',
      port: nginx.httpPort,
      script: [getHealth, { expect: 'HTTP/1.1 200' }, { expectRegex: '\\r\\n\\r\\nok\\n$' }],
    });
    expect(result).toMatchObject({ status: 'healthy' });
    expect(result.reason).toMatch(/^connected, 3 script steps passed in \d+m?s$/);
  });

  it('sends raw bytes given as hex', async () => {
    const hex = Buffer.from(getHealth.send).toString('hex');
    const result = await runCheck({ host: '::1', port: nginx.httpPort, script: [{ sendHex: hex }, { expectHex: '0d0a0d0a6f6b' }] });
    expect(result.status).toBe('healthy');
  });

  it('fails when the server answers something else and closes, quoting what came', async () => {
    const result = await runCheck({ host: '127.0.0.1', port: nginx.httpPort, script: [getHealth, { expect: 'HTTP/1.1 500' }] });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^connection closed before "HTTP\/1\.1 500" arrived, received "HTTP\/1\.1 200 OK\\r\\n/);
  });

  it('gives up once more than maxReadBytes arrived without a match', async () => {
    const result = await runCheck({
      host: '127.0.0.1',
      port: nginx.httpPort,
      maxReadBytes: 1000,
      script: [{ send: 'GET /big HTTP/1.0\r\n\r\n' }, { expect: 'never there' }],
    });
    expect(result).toMatchObject({ status: 'failed', reason: '"never there" not found in the first 1000 bytes' });
  });

  it('speaks TLS, rejecting an unknown certificate and accepting it with the CA', async () => {
    const target = { host: '127.0.0.1', port: nginx.httpsPort, script: [getHealth, { expect: 'HTTP/1.1 200' }] };
    expect(await runCheck({ ...target, tls: {} })).toMatchObject({ status: 'failed', reason: 'TLS: self-signed certificate' });
    expect((await runCheck({ ...target, tls: { ca: 'server.crt' } })).status).toBe('healthy');
    expect((await runCheck({ ...target, tls: { insecure: true } })).status).toBe('healthy');
  });
});

const realClock: Clock = {
  now: () => performance.now(),
  setTimer: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

describe('tcp check against servers that take their time', () => {
  it('waits for an expectation that arrives in pieces', async () => {
    const server = await startTcpServer('127.0.0.1', (socket) => {
      socket.write('+PO');
      setTimeout(() => socket.write('NG\r\n'), 150);
    });
    try {
      const result = await runCheck({ host: '127.0.0.1', port: server.port, script: [{ expect: '+PONG\r\n' }] });
      expect(result.status).toBe('healthy');
    } finally {
      await server.stop();
    }
  });

  it("fails a silent server at the runtime's deadline, saying what it waited for", async () => {
    const instance = await check.create(
      check.options.parse({ host: '127.0.0.1', port: silent.port, script: [{ send: 'PING\r\n' }, { expect: 'PONG' }] }),
      createCheckContext({ configDir: dir }),
    );
    const startedAt = performance.now();
    const result = await runCheckWithTimeout(instance, { name: 'tcp', timeoutMs: 1000, clock: realClock });
    const elapsed = performance.now() - startedAt;
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 1s waiting for "PONG", received nothing' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1500);
  });

  it('stops as soon as the runtime aborts its signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('check stopped')), 200);
    const startedAt = performance.now();
    const result = await runCheck({ host: '127.0.0.1', port: silent.port, script: [{ expect: 'x' }] }, controller.signal);
    expect(result).toMatchObject({ status: 'failed', reason: 'check stopped waiting for "x", received nothing' });
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});

describe('tcp check watch', () => {
  it('says within a round trip that a stopped server refuses connections', async () => {
    const own = await startNginx({ locations: 'location = / { return 200; }' });
    const instance = await check.create(check.options.parse({ host: '127.0.0.1', port: own.httpPort }), createCheckContext({ configDir: dir }));
    const controller = new AbortController();
    const reasons: { reason: string; at: number }[] = [];
    instance.watch?.({ signal: controller.signal, changed: (reason) => reasons.push({ reason, at: performance.now() }) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stoppedAt = performance.now();
      await own.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reasons.map((entry) => entry.reason)).toEqual([`127.0.0.1:${own.httpPort} refuses connections`]);
      expect((reasons[0]?.at ?? Infinity) - stoppedAt).toBeLessThan(150);
    } finally {
      controller.abort();
    }
  }, 30_000);
});
