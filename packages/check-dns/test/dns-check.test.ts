import { type Clock, runCheckWithTimeout } from '@exaplug/core';
import { type CheckInstance, createCheckContext } from '@exaplug/core/plugin';
import { startDnsServer, type DnsServerHandle } from '@exaplug/test-support/dns-server';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type DnsOptions } from '../src/index.js';

const zone = {
  zone: 'exaplug.test',
  hosts: [
    { name: 'web.exaplug.test', addresses: ['192.0.2.10', '2001:db8::10'] },
    { name: 'moved.exaplug.test', addresses: ['192.0.2.11'] },
  ],
  txt: [{ name: 'txt.exaplug.test', text: 'v=exaplug1' }],
  mx: [{ name: 'exaplug.test', exchange: 'mail.exaplug.test', preference: 10 }],
};

let server: DnsServerHandle;
const instances: CheckInstance[] = [];

beforeAll(async () => {
  server = await startDnsServer(zone);
});

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close?.()));
  await server?.stop();
});

async function createCheck(options: Partial<DnsOptions> & { name: string }): Promise<CheckInstance> {
  const parsed = check.options.parse({ server: server.address, ...options });
  const instance = await check.create(parsed, createCheckContext({ serviceName: 'dns-test', configDir: '/' }));
  instances.push(instance);
  return instance;
}

async function runCheck(options: Partial<DnsOptions> & { name: string }, signal = new AbortController().signal) {
  return (await createCheck(options)).run({ signal });
}

/** The runtime's one deadline per attempt, on the real clock. */
async function runWithDeadline(options: Partial<DnsOptions> & { name: string }, timeoutMs: number) {
  const clock: Clock = {
    now: () => performance.now(),
    setTimer: (ms, callback) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
  };
  return runCheckWithTimeout(await createCheck(options), { name: 'dns', timeoutMs, clock });
}

describe('dns check against dnsmasq', () => {
  it('is healthy when the A answer matches', async () => {
    const result = await runCheck({ name: 'web.exaplug.test', expect: { equals: ['192.0.2.10'] } });
    expect(result).toMatchObject({ status: 'healthy', reason: 'A 192.0.2.10' });
  });

  it('is healthy when the AAAA answer matches, asked over IPv6', async () => {
    const result = await runCheck({
      server: server.ipv6Address,
      name: 'web.exaplug.test',
      type: 'AAAA',
      expect: { contains: ['2001:DB8:0::10'] },
    });
    expect(result.status).toBe('healthy');
  });

  it('fails and names both addresses when the answer differs', async () => {
    const result = await runCheck({ name: 'moved.exaplug.test', expect: { equals: ['192.0.2.10'] } });
    expect(result).toMatchObject({ status: 'failed', reason: 'expected 192.0.2.10, got 192.0.2.11' });
  });

  it('fails on an unexpected NXDOMAIN', async () => {
    const result = await runCheck({ name: 'missing.exaplug.test' });
    expect(result).toMatchObject({ status: 'failed', reason: 'NXDOMAIN for missing.exaplug.test' });
  });

  it('is healthy on an expected NXDOMAIN, and fails when the name exists', async () => {
    expect((await runCheck({ name: 'missing.exaplug.test', expectRcode: 'NXDOMAIN' })).status).toBe('healthy');
    const existing = await runCheck({ name: 'web.exaplug.test', expectRcode: 'NXDOMAIN' });
    expect(existing).toMatchObject({ status: 'failed', reason: 'expected NXDOMAIN, got NOERROR with 192.0.2.10' });
  });

  it('compares TXT and MX answers', async () => {
    const txt = await runCheck({ name: 'txt.exaplug.test', type: 'TXT', expect: { equals: ['v=exaplug1'] } });
    expect(txt).toMatchObject({ status: 'healthy', reason: 'TXT v=exaplug1' });
    const mx = await runCheck({ name: 'exaplug.test', type: 'MX', expect: { equals: ['10 mail.exaplug.test'] } });
    expect(mx.status).toBe('healthy');
    const wrongMx = await runCheck({ name: 'exaplug.test', type: 'MX', expect: { equals: ['20 mail.exaplug.test'] } });
    expect(wrongMx).toMatchObject({ status: 'failed', reason: 'expected 20 mail.exaplug.test, got 10 mail.exaplug.test' });
  });

  it('asks over TCP', async () => {
    const result = await runCheck({ name: 'web.exaplug.test', transport: 'tcp', expect: { equals: ['192.0.2.10'] } });
    expect(result).toMatchObject({ status: 'healthy', reason: 'A 192.0.2.10' });
  });

  it('gives up with "aborted" when the runtime aborts the run', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runCheck({ name: 'web.exaplug.test' }, controller.signal);
    expect(result).toMatchObject({ status: 'failed', reason: `aborted, no answer from ${server.address}` });
  });
});

describe('dns check against a stopped server', () => {
  let stopped: DnsServerHandle;

  beforeAll(async () => {
    stopped = await startDnsServer(zone);
    await stopped.stop();
  });

  it.each(['udp', 'tcp'] as const)("fails over %s within the runtime's deadline", async (transport) => {
    const started = Date.now();
    const result = await runWithDeadline({ server: stopped.address, name: 'web.exaplug.test', transport }, 1000);
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^(connection refused \(127\.0\.0\.1:\d+\)|timeout after 1s, no answer from 127\.0\.0\.1:\d+)$/);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('dns check against a server that never answers', () => {
  it("fails at the runtime's deadline and says who did not answer", async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const address = `127.0.0.1:${silent.address().port}`;
      const result = await runWithDeadline({ server: address, name: 'web.exaplug.test' }, 500);
      expect(result).toMatchObject({ status: 'failed', reason: `timeout after 500ms, no answer from ${address}` });
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      silent.close();
    }
  });
});
