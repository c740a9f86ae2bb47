import { describe, expect, it } from 'vitest';
import { dnsOptionsSchema } from './dns-options.js';

describe('dnsOptionsSchema', () => {
  it('fills in the defaults', () => {
    expect(dnsOptionsSchema.parse({ server: '192.0.2.53', name: 'www.example.com' })).toEqual({
      server: '192.0.2.53',
      name: 'www.example.com',
      type: 'A',
      expectRcode: 'NOERROR',
      transport: 'udp',
      recursion: true,
    });
  });

  it('points at the server when it is a host name', () => {
    const result = dnsOptionsSchema.safeParse({ server: 'dns.example.com', name: 'www.example.com' });
    expect(result.error?.issues[0]?.path).toEqual(['server']);
  });

  it('refuses an expectation with both contains and equals, and unknown types', () => {
    const both = { server: '::1', name: 'a', expect: { contains: ['x'], equals: ['x'] } };
    expect(dnsOptionsSchema.safeParse(both).success).toBe(false);
    expect(dnsOptionsSchema.safeParse({ server: '::1', name: 'a', type: 'SRV' }).success).toBe(false);
  });

  it('refuses unknown options, also inside expect, so a typo does not pass silently', () => {
    expect(dnsOptionsSchema.safeParse({ server: '::1', name: 'a', recurse: false }).success).toBe(false);
    expect(dnsOptionsSchema.safeParse({ server: '::1', name: 'a', expect: { contain: ['x'] } }).success).toBe(false);
  });

  it("refuses its old timeout and says the service's timeout is the attempt's deadline", () => {
    const result = dnsOptionsSchema.safeParse({ server: '::1', name: 'a', timeout: '2s' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['timeout'], message: expect.stringMatching(/^the attempt's deadline is the service's `timeout`/) });
  });
});
