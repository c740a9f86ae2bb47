import fc from 'fast-check';
import { isIP as nodeIsIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isIP } from './ip-address.js';

describe('isIP', () => {
  it('agrees with node:net on addresses, near-addresses and noise', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{0,5}$/);
    const v6 = fc.array(hex, { minLength: 1, maxLength: 9 }).map((groups) => groups.join(':'));
    const v4 = fc.array(fc.integer({ min: 0, max: 300 }).map(String), { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
    const zoned = fc.tuple(v6, fc.stringMatching(/^[a-z0-9.-]{0,4}$/)).map(([address, zone]) => `${address}%${zone}`);
    const mixed = fc.tuple(v6, v4).map(([a, b]) => `${a}:${b}`);
    fc.assert(
      fc.property(fc.oneof(v6, v4, zoned, mixed, fc.string()), (text) => {
        expect(isIP(text)).toBe(nodeIsIP(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the forms ExaBGP writes', () => {
    expect(['192.0.2.1', '2001:db8::1', '::', '::ffff:192.0.2.1', 'fe80::1%eth0', '1.2.3', '01.2.3.4', '2001:db8::1::2'].map(isIP)).toEqual([4, 6, 6, 6, 6, 0, 0, 0]);
  });
});
