import { describe, expect, it } from 'vitest';
import { repairExabgpJson } from './repair-exabgp-json.js';

describe('repairExabgpJson', () => {
  it('escapes control bytes inside strings only', () => {
    const repaired = repairExabgpJson('{ "reason": "a\u0017b\tc" }');
    expect(JSON.parse(repaired)).toEqual({ reason: 'a\u0017b\tc' });
    expect(repairExabgpJson('{\t"a": 1 }')).toBe('{\t"a": 1 }');
  });

  it('keeps escaped quotes inside strings intact', () => {
    expect(JSON.parse(repairExabgpJson('{ "m": "say \\"hi\\"\u0001" }'))).toEqual({ m: 'say "hi"\u0001' });
  });

  it('collapses doubled quotes around values and leaves empty strings alone', () => {
    expect(JSON.parse(repairExabgpJson('{ "afi": ""ipv4"", "raw": "" }'))).toEqual({ afi: 'ipv4', raw: '' });
  });

  it('wraps the 6.0-dev End-of-RIB key into an object', () => {
    const line = '{ "null": [ "eor": { "afi" : "ipv4", "safi" : "unicast" } ] }';
    expect(JSON.parse(repairExabgpJson(line))).toEqual({ null: [{ eor: { afi: 'ipv4', safi: 'unicast' } }] });
  });
});
