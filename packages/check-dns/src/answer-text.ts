import { SocketAddress } from 'node:net';
import type { Answer } from 'dns-packet';
import type { RecordType } from './dns-options.js';

/** An answer record as the text an operator writes in `expect`: `192.0.2.10`, `10 mail.example.com`. */
export function formatAnswer(answer: Answer): string {
  switch (answer.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
      return normalizeAnswerText(answer.type, answer.data);
    case 'MX':
      return `${answer.data.preference} ${normalizeName(answer.data.exchange)}`;
    case 'TXT':
      return joinTxt(answer.data);
    case 'SOA':
      return `${normalizeName(answer.data.mname)} ${normalizeName(answer.data.rname)} ${answer.data.serial ?? 0}`;
    default:
      return answer.type;
  }
}

/** Puts expected and received answers in one form: canonical IPs, lower-case names without the final dot. */
export function normalizeAnswerText(type: RecordType, text: string): string {
  switch (type) {
    case 'A':
      return canonicalIp(text, 'ipv4');
    case 'AAAA':
      return canonicalIp(text, 'ipv6');
    case 'CNAME':
    case 'NS':
      return normalizeName(text);
    case 'MX': {
      const [preference = '', exchange = ''] = text.trim().split(/\s+/);
      return `${preference} ${normalizeName(exchange)}`;
    }
    case 'SOA':
      return text.trim().split(/\s+/).map((part, i) => (i < 2 ? normalizeName(part) : part)).join(' ');
    case 'TXT':
      return text;
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function canonicalIp(text: string, family: 'ipv4' | 'ipv6'): string {
  try {
    return new SocketAddress({ address: text.trim(), family }).address;
  } catch {
    return text.trim();
  }
}

// A TXT record is a list of strings of up to 255 bytes; long values are split across them.
function joinTxt(data: string | Buffer | Array<string | Buffer>): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((part) => part.toString()).join('');
}
