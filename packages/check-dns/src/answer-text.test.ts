import { describe, expect, it } from 'vitest';
import { formatAnswer, normalizeAnswerText } from './answer-text.js';

describe('formatAnswer', () => {
  it('writes MX records as preference and exchange', () => {
    expect(
      formatAnswer({ type: 'MX', name: 'example.test', data: { preference: 10, exchange: 'Mail.Example.TEST' } }),
    ).toBe('10 mail.example.test');
  });

  it('joins the strings of one TXT record', () => {
    expect(formatAnswer({ type: 'TXT', name: 't.test', data: [Buffer.from('v=spf1 '), Buffer.from('-all')] })).toBe(
      'v=spf1 -all',
    );
  });

  it('writes SOA records as primary, mailbox and serial', () => {
    expect(
      formatAnswer({ type: 'SOA', name: 't.test', data: { mname: 'ns1.t.test.', rname: 'hostmaster.t.test', serial: 7 } }),
    ).toBe('ns1.t.test hostmaster.t.test 7');
  });
});

describe('normalizeAnswerText', () => {
  it('writes IPv6 addresses in canonical form', () => {
    expect(normalizeAnswerText('AAAA', '2001:DB8:0:0::10')).toBe('2001:db8::10');
  });

  it('ignores case and the final dot in names', () => {
    expect(normalizeAnswerText('CNAME', 'Web.Example.TEST.')).toBe('web.example.test');
    expect(normalizeAnswerText('MX', '10  Mail.example.test.')).toBe('10 mail.example.test');
  });

  it('keeps TXT text exactly as written', () => {
    expect(normalizeAnswerText('TXT', 'Hello World')).toBe('Hello World');
  });
});
