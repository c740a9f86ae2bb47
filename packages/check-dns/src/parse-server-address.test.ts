import { describe, expect, it } from 'vitest';
import { parseServerAddress } from './parse-server-address.js';

describe('parseServerAddress', () => {
  it('defaults to port 53 for a bare IPv4 address', () => {
    expect(parseServerAddress('192.0.2.1')).toEqual({ host: '192.0.2.1', port: 53, family: 4 });
  });

  it('reads an IPv4 address with a port', () => {
    expect(parseServerAddress('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353, family: 4 });
  });

  it('reads a bracketed IPv6 address with a port', () => {
    expect(parseServerAddress('[::1]:5353')).toEqual({ host: '::1', port: 5353, family: 6 });
  });

  it('reads a bare IPv6 address as port 53', () => {
    expect(parseServerAddress('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 53, family: 6 });
    expect(parseServerAddress('[2001:db8::1]')).toEqual({ host: '2001:db8::1', port: 53, family: 6 });
  });

  it('refuses host names, bad ports and IPv4 in brackets', () => {
    expect(parseServerAddress('dns.example')).toBeUndefined();
    expect(parseServerAddress('127.0.0.1:0')).toBeUndefined();
    expect(parseServerAddress('127.0.0.1:70000')).toBeUndefined();
    expect(parseServerAddress('127.0.0.1:x')).toBeUndefined();
    expect(parseServerAddress('[127.0.0.1]:53')).toBeUndefined();
  });
});
