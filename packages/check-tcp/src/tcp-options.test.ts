import { describe, expect, it } from 'vitest';
import { tcpOptionsSchema } from './tcp-options.js';

describe('tcpOptionsSchema', () => {
  it('fills in the defaults for a host and port', () => {
    expect(tcpOptionsSchema.parse({ host: '::1', port: 6379 })).toEqual({
      host: '::1',
      port: 6379,
      connectTimeout: 2000,
      script: [],
      maxReadBytes: 65_536,
      watch: true,
    });
  });

  it('accepts each kind of script step and strips spaces from hex', () => {
    const options = tcpOptionsSchema.parse({
      host: '127.0.0.1',
      port: 6379,
      script: [{ send: 'PING\r\n' }, { expect: '+PONG' }, { sendHex: '0d 0a' }, { expectRegex: '^\\+' }, { expectHex: '0D0A' }],
    });
    expect(options.script[2]).toEqual({ sendHex: '0d0a' });
  });

  it('rejects a step that mixes two kinds, odd hex and a bad regex', () => {
    for (const step of [{ send: 'a', expect: 'b' }, { sendHex: 'abc' }, { expectRegex: '(' }]) {
      const result = tcpOptionsSchema.safeParse({ host: 'h', port: 1, script: [step] });
      expect(result.success, JSON.stringify(step)).toBe(false);
    }
  });

  it('rejects a port out of range and unknown options', () => {
    expect(tcpOptionsSchema.safeParse({ host: 'h', port: 70_000 }).error?.issues[0]?.path).toEqual(['port']);
    expect(tcpOptionsSchema.safeParse({ host: 'h', port: 1, tsl: {} }).success).toBe(false);
  });

  it('wants tls cert and key together', () => {
    const result = tcpOptionsSchema.safeParse({ host: 'h', port: 1, tls: { key: 'client.key' } });
    expect(result.error?.issues[0]?.path).toEqual(['tls', 'cert']);
  });

  it("refuses its old timeout and says the service's timeout is the attempt's deadline", () => {
    const result = tcpOptionsSchema.safeParse({ host: '::1', port: 6379, timeout: '1s' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['timeout'], message: expect.stringMatching(/^the attempt's deadline is the service's `timeout`/) });
  });
});
