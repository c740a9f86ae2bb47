import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, runCheckWithTimeout } from '@exaplug/core';
import { type CheckInstance, type CheckResult, createCheckContext } from '@exaplug/core/plugin';
import { startNginx, type NginxHandle } from '@exaplug/test-support/nginx';
import { startSilentTcpServer, type TcpServerHandle } from '@exaplug/test-support/tcp-servers';
import { createSelfSignedCert, type SelfSignedCert } from '@exaplug/test-support/tls-certs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { check } from '../src/index.js';

const locations = `
  location = /health { return 200 "ok\\n"; }
  location = /error { return 500 "boom\\n"; }
  location = /busy { return 429 "slow down\\n"; }
  location = /draining { return 200 '{"status":"draining"}'; }
  location = /moved { return 302 /health; }
  location = /loop { return 302 /loop; }
  location = /requests { return 200 "requests on this connection: $connection_requests"; }
  location = /slow { limit_rate 1000; try_files /slow.txt =404; }
  location = /big { try_files /big.txt =404; }
  location = /mtls {
    if ($ssl_client_verify != SUCCESS) { return 403 "no client certificate\\n"; }
    return 200 "hello client\\n";
  }
`;

let dir: string;
let nginx: NginxHandle;
let serverCert: SelfSignedCert;
let clientCert: SelfSignedCert;
const instances: CheckInstance[] = [];

async function createCheck(options: Record<string, unknown>): Promise<CheckInstance> {
  const context = createCheckContext({ serviceName: 'web', configDir: dir });
  const instance = await check.create(check.options.parse(options), context);
  instances.push(instance);
  return instance;
}

async function runCheck(options: Record<string, unknown>, signal = new AbortController().signal): Promise<CheckResult> {
  const instance = await createCheck(options);
  return instance.run({ signal });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-check-http-'));
  serverCert = await createSelfSignedCert(dir, 'server', ['DNS:health.test', 'IP:127.0.0.1', 'IP:::1']);
  clientCert = await createSelfSignedCert(dir, 'client', ['DNS:client.test']);
  nginx = await startNginx(
    { locations, tls: { ...serverCert, clientCaFile: clientCert.certFile } },
    dir,
  );
  await writeFile(join(dir, 'html', 'slow.txt'), 'x'.repeat(1500));
  await writeFile(join(dir, 'html', 'big.txt'), `${'x'.repeat(200_000)}TAIL`);
}, 30_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close?.()));
  await nginx?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('http check against nginx', () => {
  it('is healthy on 200 and reports the status', async () => {
    const result = await runCheck({ url: nginx.url('/health'), expectBody: 'ok' });
    expect(result.status).toBe('healthy');
    expect(result.reason).toMatch(/^status 200 in \d+m?s$/);
    expect(result.details).toMatchObject({ statusCode: 200, bodyBytes: 3 });
  });

  it("puts got's per-phase timings in the details, in ms", async () => {
    const instance = await createCheck({ url: nginx.url('/health') });
    const first = await instance.run({ signal: new AbortController().signal });
    const phases = (first.details as { phases: Record<string, number> }).phases;
    expect(Object.keys(phases).sort()).toEqual(['dns', 'download', 'firstByte', 'tcp', 'total']);
    for (const ms of Object.values(phases)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(phases.total).toBeLessThan(1000);
    // The kept connection is reused: no lookup, no connect.
    const second = await instance.run({ signal: new AbortController().signal });
    expect(Object.keys((second.details as { phases: object }).phases).sort()).toEqual(['download', 'firstByte', 'total']);
  });

  it('adds the TLS handshake to the phases over https', async () => {
    const result = await runCheck({ url: nginx.url('/health', { https: true }), ca: 'server.crt' });
    expect((result.details as { phases: Record<string, number> }).phases.tls).toBeGreaterThanOrEqual(0);
  });

  it('reaches nginx through an IPv6 literal URL', async () => {
    const result = await runCheck({ url: `http://[::1]:${nginx.httpPort}/health` });
    expect(result.status).toBe('healthy');
  });

  it('fails a 500 and says which statuses it expected', async () => {
    const result = await runCheck({ url: nginx.url('/error') });
    expect(result).toMatchObject({ status: 'failed', reason: 'status 500, expected 200-299' });
  });

  it('is degraded on 429 when told so, and failed otherwise', async () => {
    expect(await runCheck({ url: nginx.url('/busy'), degradedStatus: [429] })).toMatchObject({
      status: 'degraded',
      reason: 'status 429, degraded on 429',
    });
    expect((await runCheck({ url: nginx.url('/busy') })).status).toBe('failed');
  });

  it('fails a body without the expected text or with rejected text', async () => {
    expect((await runCheck({ url: nginx.url('/draining'), expectBody: '"ok"' })).reason).toBe(
      'status 200, body does not contain "\\"ok\\""',
    );
    expect((await runCheck({ url: nginx.url('/draining'), rejectBodyRegex: '"status":\\s*"draining"' })).reason).toBe(
      'status 200, body matches /"status":\\s*"draining"/',
    );
  });

  it('does not follow redirects unless asked to', async () => {
    expect((await runCheck({ url: nginx.url('/moved') })).reason).toBe('status 302, expected 200-299');
    expect((await runCheck({ url: nginx.url('/moved'), followRedirects: true, expectBody: 'ok' })).status).toBe('healthy');
  });

  it('says too many redirects for a redirect loop', async () => {
    expect(await runCheck({ url: nginx.url('/loop'), followRedirects: true })).toMatchObject({ status: 'failed', reason: 'too many redirects' });
  });

  it('judges only the first maxBodyBytes of a large body', async () => {
    expect((await runCheck({ url: nginx.url('/big'), expectBody: 'TAIL' })).reason).toBe(
      'status 200, body does not contain "TAIL"',
    );
    expect((await runCheck({ url: nginx.url('/big'), expectBody: 'TAIL', maxBodyBytes: 300_000 })).status).toBe('healthy');
  });

  it('is degraded when the response is slower than degradedAfter', async () => {
    const result = await runCheck({ url: nginx.url('/slow'), degradedAfter: '300ms' });
    expect(result.status).toBe('degraded');
    expect(result.reason).toMatch(/^status 200 in [\d.]+m?s, slower than 300ms$/);
  });

  it('says connection refused once nginx is stopped', async () => {
    const own = await startNginx({ locations: 'location = /health { return 200 "ok"; }' });
    const url = own.url('/health');
    try {
      expect((await runCheck({ url })).status).toBe('healthy');
    } finally {
      await own.stop();
    }
    expect(await runCheck({ url })).toMatchObject({ status: 'failed', reason: 'connection refused' });
  }, 30_000);
});

describe('http check connections', () => {
  it('reuses one connection between attempts with keepAlive, and connects afresh without', async () => {
    const secondRequestOn = async (keepAlive: boolean) => {
      const instance = await createCheck({ url: nginx.url('/requests'), keepAlive, expectBody: 'connection: 2' });
      await instance.run({ signal: new AbortController().signal });
      return (await instance.run({ signal: new AbortController().signal })).status;
    };
    expect(await secondRequestOn(true)).toBe('healthy');
    expect(await secondRequestOn(false)).toBe('failed');
  });

  it('notices a stopped nginx through its watch long before the next poll', async () => {
    const own = await startNginx({ locations: 'location = /health { return 200 "ok"; }' });
    const instance = await createCheck({ url: own.url('/health') });
    const controller = new AbortController();
    try {
      expect((await instance.run({ signal: controller.signal })).status).toBe('healthy');
      const seen = new Promise<{ reason: string; at: number }>((resolve) => {
        instance.watch?.({ signal: controller.signal, changed: (reason) => resolve({ reason, at: performance.now() }) });
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the watch's connection is up
      const stoppedAt = performance.now();
      await own.stop();
      const { reason, at } = await seen;
      expect(reason).toMatch(/refuses connections$/);
      // A poll every second would notice 500 ms later on average; the watch within a round trip.
      expect(at - stoppedAt).toBeLessThan(300);
      expect(await instance.run({ signal: new AbortController().signal })).toMatchObject({ status: 'failed', reason: 'connection refused' });
    } finally {
      controller.abort();
      await own.stop();
    }
  }, 30_000);
});

describe('http check against a server that accepts and never answers', () => {
  let silent: TcpServerHandle;
  beforeAll(async () => {
    silent = await startSilentTcpServer('127.0.0.1');
  });
  afterAll(() => silent?.stop());

  const realClock: Clock = {
    now: () => performance.now(),
    setTimer: (ms, callback) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
  };

  it("fails at the runtime's deadline and says where the request stood", async () => {
    const instance = await createCheck({ url: `http://127.0.0.1:${silent.port}/health` });
    const startedAt = performance.now();
    const result = await runCheckWithTimeout(instance, { name: 'http', timeoutMs: 1000, clock: realClock });
    const elapsed = performance.now() - startedAt;
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 1s while waiting for the response' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1500);
  });

  it('has no deadline of its own: nothing but the signal ends a stuck attempt', async () => {
    // The deadline (2.5 s) is far past connectTimeout (300 ms, got's one timer, cleared at
    // connect): a timer of the check's own for the whole attempt would show up below.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const instance = await createCheck({ url: `http://127.0.0.1:${silent.port}/health`, connectTimeout: '300ms' });
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(new Error('timeout after 2.5s')), 2500);
    try {
      const result = await instance.run({ signal: controller.signal, timeoutMs: 2500 });
      expect(result).toMatchObject({ status: 'failed', reason: 'timeout after 2.5s while waiting for the response' });
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(2450);
      // The test's own timer is the only one of a second or more.
      expect(timers.mock.calls.filter(([, ms]) => typeof ms === 'number' && ms >= 1000)).toHaveLength(1);
    } finally {
      timers.mockRestore();
    }
  }, 10_000);

  it('stops as soon as the runtime aborts its signal', async () => {
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(new Error('check stopped')), 300);
    const result = await runCheck({ url: `http://127.0.0.1:${silent.port}/` }, controller.signal);
    expect(result).toMatchObject({ status: 'failed', reason: 'check stopped while waiting for the response' });
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});

describe('http check over TLS', () => {
  it('rejects the self-signed certificate, then accepts it with the CA', async () => {
    const rejected = await runCheck({ url: nginx.url('/health', { https: true }) });
    expect(rejected).toMatchObject({ status: 'failed', reason: 'TLS: self-signed certificate' });
    const accepted = await runCheck({ url: nginx.url('/health', { https: true }), ca: 'server.crt' });
    expect(accepted.status).toBe('healthy');
  });

  it('accepts any certificate when insecure', async () => {
    expect((await runCheck({ url: nginx.url('/health', { https: true }), insecure: true })).status).toBe('healthy');
  });

  it('checks the certificate against servername instead of the URL host', async () => {
    const url = nginx.url('/health', { https: true, ipv6: true });
    expect((await runCheck({ url, ca: 'server.crt', servername: 'health.test' })).status).toBe('healthy');
    const wrongName = await runCheck({ url, ca: 'server.crt', servername: 'other.test' });
    expect(wrongName.status).toBe('failed');
    expect(wrongName.reason).toMatch(/^TLS: .*other\.test/);
  });

  it('presents a client certificate when given one', async () => {
    const url = nginx.url('/mtls', { https: true });
    expect((await runCheck({ url, ca: 'server.crt' })).reason).toBe('status 403, expected 200-299');
    const withCert = await runCheck({ url, ca: 'server.crt', cert: 'client.crt', key: 'client.key', expectBody: 'hello' });
    expect(withCert.status).toBe('healthy');
  });
});
