import dnsPacket, { type Answer } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { evaluateResponse } from './evaluate-response.js';

function response(rcode: string, answers: Answer[], flags = 0) {
  const encoded = dnsPacket.encode({ type: 'response', id: 1, flags, answers });
  // rcode lives in the low bits of the flags word; dns-packet takes it there.
  const codes: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
  encoded.writeUInt16BE(encoded.readUInt16BE(2) | (codes[rcode] ?? 0), 2);
  return dnsPacket.decode(encoded);
}

const a = (data: string): Answer => ({ type: 'A', name: 'web.test', data });
const base = { name: 'web.test', type: 'A' as const, expectRcode: 'NOERROR' };

describe('evaluateResponse', () => {
  it('is healthy when the answers equal the expected set', () => {
    const result = evaluateResponse(response('NOERROR', [a('192.0.2.11'), a('192.0.2.10')]), {
      ...base,
      expect: { equals: ['192.0.2.10', '192.0.2.11'] },
    });
    expect(result.status).toBe('healthy');
  });

  it('names the expected and received answers when they differ', () => {
    const result = evaluateResponse(response('NOERROR', [a('192.0.2.11')]), { ...base, expect: { equals: ['192.0.2.10'] } });
    expect(result).toMatchObject({ status: 'failed', reason: 'expected 192.0.2.10, got 192.0.2.11' });
  });

  it('lists what is missing for contains', () => {
    const result = evaluateResponse(response('NOERROR', [a('192.0.2.11')]), {
      ...base,
      expect: { contains: ['192.0.2.11', '192.0.2.12'] },
    });
    expect(result.reason).toBe('expected 192.0.2.12 among the answers, got 192.0.2.11');
  });

  it('fails on an empty answer when nothing is expected explicitly', () => {
    expect(evaluateResponse(response('NOERROR', []), base)).toMatchObject({ status: 'failed', reason: 'no A records for web.test' });
  });

  it('fails on NXDOMAIN unless it was expected', () => {
    expect(evaluateResponse(response('NXDOMAIN', []), base)).toMatchObject({ status: 'failed', reason: 'NXDOMAIN for web.test' });
    expect(evaluateResponse(response('NXDOMAIN', []), { ...base, expectRcode: 'NXDOMAIN' }).status).toBe('healthy');
  });

  it('fails when NXDOMAIN was expected but the name exists', () => {
    const result = evaluateResponse(response('NOERROR', [a('192.0.2.10')]), { ...base, expectRcode: 'NXDOMAIN' });
    expect(result.reason).toBe('expected NXDOMAIN, got NOERROR with 192.0.2.10');
  });

  it('reports a truncated UDP answer as degraded', () => {
    const result = evaluateResponse(response('NOERROR', [a('192.0.2.10')], dnsPacket.TRUNCATED_RESPONSE), base);
    expect(result.status).toBe('degraded');
  });
});
