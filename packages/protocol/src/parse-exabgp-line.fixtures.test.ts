import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedLine } from './messages.js';
import { parseExabgpLine } from './parse-exabgp-line.js';
import { fixturesDir } from '../test/fixtures.js';

// Byte-exact captures of what ExaBGP 4.2 / 5.0 / 6.0-dev wrote to a process (test/fixtures).
const root = fixturesDir;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/** The lines ExaBGP wrote, per file. Transcripts hold them as `< line` (`> ` is what the process sent). */
function linesOf(path: string): string[] {
  const text = path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (basename(path) === 'transcript.txt') return lines.filter((l) => l.startsWith('< ')).map((l) => l.slice(2));
  return lines;
}

function fixtureFiles(version: string): string[] {
  return walk(join(root, version)).filter((p) => !p.endsWith('README.md'));
}

type Expectation = (parsed: ParsedLine) => boolean;
const isMessage = (type: string, extra: (m: Record<string, unknown>) => boolean = () => true): Expectation => (p) =>
  p.kind === 'message' && p.message.type === type && extra(p.message as unknown as Record<string, unknown>);

/** What the lines of a file must be, judged from its name. */
function expectationFor(name: string): Expectation | undefined {
  const notification = /^notification-(send|receive)-(\d+)-(\d+)/.exec(name);
  if (notification) {
    return isMessage('notification', (m) => m['code'] === Number(notification[2]) && m['subcode'] === Number(notification[3]));
  }
  const state = /^state-(connected|up|down)/.exec(name);
  if (state) return isMessage('state', (m) => m['state'] === state[1]);
  if (name.includes('packets')) return isMessage('raw');
  if (name.startsWith('notification-shutdown')) return isMessage('shutdown');
  if (name.startsWith('keepalive-')) return isMessage('keepalive');
  if (name.startsWith('open-')) return isMessage('open');
  if (/^update-.*-eor-/.test(name)) return isMessage('eor');
  if (/^update-.*-announce-/.test(name)) return isMessage('update', (m) => (m['announce'] as unknown[]).length > 0);
  if (/^update-.*-withdraw-/.test(name)) return isMessage('update', (m) => (m['withdraw'] as unknown[]).length > 0);
  if (name.startsWith('update-send-empty')) return isMessage('update');
  if (name.startsWith('refresh-')) return isMessage('refresh');
  for (const type of ['fsm', 'negotiated', 'signal']) if (name.startsWith(`${type}.`)) return isMessage(type);
  if (name === 'ack-done.txt') return (p) => p.kind === 'ack' && p.ack === 'done';
  if (name === 'ack-error.txt') return (p) => p.kind === 'ack' && p.ack === 'error';
  if (name.startsWith('command-output')) return (p) => p.kind === 'output';
  return undefined;
}

const consolidateReason = 'consolidate packet line (header/body of the previous message)';

// The only lines left unknown: the text encoder's `consolidate` option prints a message's
// raw bytes on an extra line (` header 0x… body 0x…`) that a line parser cannot attach to
// the message before it. exaplug never subscribes `consolidate`.
const expectedUnknown: Record<string, Record<string, number>> = {
  'exabgp-4.2': {
    'text/extras-consolidate/stream.raw': 7,
    'text/extras-consolidate/update-receive-announce-ipv4.txt': 3,
    'text/extras-consolidate/update-receive-eor-ipv4.txt': 1,
    'text/extras-consolidate/update-send-announce-ipv4.txt': 1,
    'text/extras-consolidate/update-send-eor-ipv4.txt': 1,
    'text/extras-consolidate/update-send-withdraw-ipv4.txt': 1,
  },
  'exabgp-5.0': {
    'text/extras-consolidate/stream.raw': 7,
    'text/extras-consolidate/update-receive-announce-ipv4.txt': 3,
    'text/extras-consolidate/update-receive-eor-ipv4.txt': 1,
    'text/extras-consolidate/update-send-announce-ipv4.txt': 1,
    'text/extras-consolidate/update-send-eor-ipv4.txt': 1,
    'text/extras-consolidate/update-send-withdraw-ipv4.txt': 1,
  },
  'exabgp-6.0-dev': {
    'api-v4/text/extras-consolidate/stream.raw': 35,
    'api-v4/text/extras-consolidate/update-receive-announce-ipv4.txt': 3,
    'api-v4/text/extras-consolidate/update-receive-eor-ipv4.txt': 1,
    'api-v4/text/extras-consolidate/update-send-eor-ipv4.txt': 1,
    'eor-shim/api-v4/text/extras-consolidate/stream.raw': 7,
    'eor-shim/api-v4/text/extras-consolidate/update-receive-announce-ipv4.txt': 3,
    'eor-shim/api-v4/text/extras-consolidate/update-receive-eor-ipv4.txt': 1,
    'eor-shim/api-v4/text/extras-consolidate/update-send-announce-ipv4.txt': 1,
    'eor-shim/api-v4/text/extras-consolidate/update-send-eor-ipv4.txt': 1,
    'eor-shim/api-v4/text/extras-consolidate/update-send-withdraw-ipv4.txt': 1,
  },
};

describe.each(['exabgp-4.2', 'exabgp-5.0', 'exabgp-6.0-dev'])('every fixture line of %s', (version) => {
  const files = fixtureFiles(version);

  it('parses, leaving unknown only the consolidate packet lines', () => {
    const unknown: Record<string, number> = {};
    let parsedLines = 0;
    for (const file of files) {
      for (const line of linesOf(file)) {
        const parsed = parseExabgpLine(line);
        parsedLines++;
        if (parsed.kind !== 'unknown') continue;
        expect(parsed.reason).toBe(consolidateReason);
        const key = relative(join(root, version), file);
        unknown[key] = (unknown[key] ?? 0) + 1;
      }
    }
    expect(parsedLines).toBeGreaterThan(1000);
    expect(unknown).toEqual(expectedUnknown[version]);
  });

  it('gives each message file the kind its name promises', () => {
    let checked = 0;
    for (const file of files) {
      const name = basename(file);
      const expectation = expectationFor(name);
      if (!expectation) continue;
      const isText = !name.endsWith('.jsonl') && !name.includes('json');
      const parsed = linesOf(file).map(parseExabgpLine).filter((p) => p.kind !== 'empty');
      const offenders = parsed.filter(
        (p) =>
          !expectation(p) &&
          !(isText && p.kind === 'message' && p.message.type === 'update-frame') &&
          !(p.kind === 'unknown' && p.reason === consolidateReason),
      );
      expect(offenders, file).toEqual([]);
      expect(parsed.some(expectation), file).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
