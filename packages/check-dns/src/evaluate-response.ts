import { degraded, failed, healthy, type CheckResult } from '@exaplug/core/plugin';
import type { DecodedPacket } from 'dns-packet';
import { formatAnswer, normalizeAnswerText } from './answer-text.js';
import type { DnsExpectation, RecordType } from './dns-options.js';

/** What a response is judged against. */
export interface ResponseExpectation {
  name: string;
  type: RecordType;
  expectRcode: string;
  expect?: DnsExpectation;
}

/** Judges one decoded response: response code first, then the answers of the asked type. */
export function evaluateResponse(packet: DecodedPacket, expectation: ResponseExpectation): CheckResult {
  // @types/dns-packet omits rcode, but decode() always sets it.
  const rcode = (packet as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
  const answers = (packet.answers ?? [])
    .filter((answer) => answer.type === expectation.type)
    .map((answer) => formatAnswer(answer));
  const details = { rcode, answers };
  if (rcode !== expectation.expectRcode) {
    const got = rcode === 'NOERROR' ? `NOERROR with ${describeAnswers(answers)}` : rcode;
    return failed(
      expectation.expectRcode === 'NOERROR' ? `${rcode} for ${expectation.name}` : `expected ${expectation.expectRcode}, got ${got}`,
      details,
    );
  }
  if (rcode !== 'NOERROR') return healthy(`${rcode} as expected`, details);
  const mismatch = findMismatch(answers, expectation);
  if (mismatch) return failed(mismatch, details);
  const summary = `${expectation.type} ${answers.join(', ')}`;
  if (packet.flag_tc) return degraded(`${summary} (truncated over UDP; use transport: tcp)`, details);
  return healthy(summary, details);
}

function findMismatch(answers: string[], expectation: ResponseExpectation): string | undefined {
  const { expect, type } = expectation;
  if (!expect) return answers.length === 0 ? `no ${type} records for ${expectation.name}` : undefined;
  const got = describeAnswers(answers);
  if ('equals' in expect) {
    const wanted = expect.equals.map((text) => normalizeAnswerText(type, text));
    return sameSet(wanted, answers) ? undefined : `expected ${describeAnswers(wanted)}, got ${got}`;
  }
  const missing = expect.contains.map((text) => normalizeAnswerText(type, text)).filter((text) => !answers.includes(text));
  return missing.length === 0 ? undefined : `expected ${missing.join(', ')} among the answers, got ${got}`;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

function describeAnswers(answers: string[]): string {
  return answers.length === 0 ? 'no answers' : answers.join(', ');
}
