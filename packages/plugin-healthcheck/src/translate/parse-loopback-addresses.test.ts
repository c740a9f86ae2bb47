import { describe, expect, it } from 'vitest';
import { parseLoopbackAddresses } from './parse-loopback-addresses.js';

const output = [
  '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
  '1: lo    inet 192.0.2.10/32 scope global lo:nginx1\\       valid_lft forever preferred_lft forever',
  '1: lo    inet 192.0.2.11/32 scope global lo:mysql\\       valid_lft forever preferred_lft forever',
  '1: lo    inet6 2001:db8:30::1/128 scope global \\       valid_lft forever preferred_lft forever',
  '1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever',
].join('\n');

describe('parseLoopbackAddresses', () => {
  it('finds the service IPs on lo and skips the host loopback', () => {
    expect(parseLoopbackAddresses(output, undefined)).toEqual(['192.0.2.10/32', '192.0.2.11/32', '2001:db8:30::1/128']);
  });

  it('keeps only the addresses whose label starts with --label', () => {
    expect(parseLoopbackAddresses(output, 'nginx')).toEqual(['192.0.2.10/32']);
  });
});
