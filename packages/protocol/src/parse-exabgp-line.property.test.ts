import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../test/fixtures.js';
import type { ParsedLine } from './messages.js';
import { parseExabgpLine } from './parse-exabgp-line.js';

const kinds = new Set(['ack', 'output', 'message', 'empty', 'unknown']);

/** Real ExaBGP lines, both encoders: the seeds the mutations below start from. */
const realLines = ['text', 'json'].flatMap((encoder) =>
  ['state-down', 'open-receive', 'update-receive-announce-ipv4', 'update-receive-eor-ipv4', 'notification-receive-6-2']
    .flatMap((name) => readFixture(`exabgp-4.2/${encoder}/${name}.${encoder === 'text' ? 'txt' : 'jsonl'}`).split('\n'))
    .filter((line) => line.trim() !== ''),
);

/** Words ExaBGP uses, so random lines reach deep into the parser and not only its first test. */
const vocabulary = fc.constantFrom(
  'neighbor', '127.0.0.1', '::1', 'receive', 'send', 'update', 'announced', 'withdrawn', 'route', 'eor', 'open',
  'capabilities', '[', ']', '(', ')', '(ipv4', 'unicast)', 'next-hop', 'med', 'as-path', 'community', 'down', '-',
  'up', 'connected', 'notification', 'code', 'subcode', 'header', 'body', '0x', 'shutdown', '1', '65002', 'done',
  '{', '}', '"exabgp":', '"type":', '"neighbor":', ':', ',', '""', '\u0017', '\r',
);

const exabgpish = fc.array(fc.oneof(vocabulary, fc.string()), { maxLength: 30 }).map((words) => words.join(' '));

/** A real line with a slice replaced by random text: truncated JSON, broken brackets, stray bytes. */
const mutated = fc
  .tuple(fc.constantFrom(...realLines), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }))
  .map(([line, a, b, insert]) => {
    const from = a % (line.length + 1);
    const to = from + (b % (line.length - from + 1));
    return line.slice(0, from) + insert + line.slice(to);
  });

const anyLine = fc.oneof(fc.string({ unit: 'binary' }), exabgpish, mutated);

function isParsedLine(value: ParsedLine): boolean {
  if (!kinds.has(value.kind)) return false;
  if (value.kind === 'unknown') return typeof value.line === 'string' && value.reason.length > 0;
  if (value.kind === 'message') return typeof value.message.type === 'string';
  if (value.kind === 'ack') return ['done', 'error', 'shutdown'].includes(value.ack);
  return true;
}

describe('parseExabgpLine, on any input', () => {
  it('never throws and always returns a ParsedLine', () => {
    fc.assert(fc.property(anyLine, (line) => isParsedLine(parseExabgpLine(line))), { numRuns: 3000 });
  });

  it('returns a result that survives JSON (no cycles, no functions): it can be logged', () => {
    fc.assert(fc.property(anyLine, (line) => typeof JSON.stringify(parseExabgpLine(line)) === 'string'), { numRuns: 1000 });
  });

  it('ignores a trailing CR or LF', () => {
    fc.assert(
      fc.property(anyLine, fc.constantFrom('\n', '\r\n', '\r'), (line, end) => {
        fc.pre(!/[\r\n]$/.test(line) && line.trim() !== '');
        const plain = parseExabgpLine(line);
        const ended = parseExabgpLine(line + end);
        // `unknown` keeps the raw line; everything else must be the same.
        if (plain.kind === 'unknown') return ended.kind === 'unknown';
        expect(ended).toEqual(plain);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a message line the same way whatever the peer address', () => {
    fc.assert(
      fc.property(fc.constantFrom(...realLines.filter((l) => l.startsWith('neighbor 127.0.0.1 '))), fc.ipV4(), (line, peer) => {
        const parsed = parseExabgpLine(line.replace('127.0.0.1', peer));
        return parsed.kind === 'message' && 'neighbor' in parsed.message && parsed.message.neighbor.peer === peer;
      }),
    );
  });
});
