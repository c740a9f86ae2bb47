import { describe, expect, it } from 'vitest';
import { defaultDialectFor, detectExabgp, parseExabgpVersion, versionProbeCommand } from './detect-exabgp.js';
import { parseExabgpLine } from './parse-exabgp-line.js';

const timed = (entries: [string, number][]) => entries.map(([line, atMs]) => ({ parsed: parseExabgpLine(line), atMs }));

describe('parseExabgpVersion', () => {
  it('reads the answers of 4.2, 5.0 and 6.x in both API modes', () => {
    expect(parseExabgpVersion('exabgp 4.2.21')).toEqual({ major: 4, minor: 2, patch: 21, text: '4.2.21' });
    expect(parseExabgpVersion('exabgp 5.0.13')).toMatchObject({ major: 5, minor: 0, patch: 13 });
    expect(parseExabgpVersion('exabgp 6.0.0-20260822+uncontrolled')).toMatchObject({ major: 6, text: '6.0.0-20260822+uncontrolled' });
    expect(parseExabgpVersion('{"version": "6.0.0-20260822+uncontrolled", "application": "exabgp"}')).toMatchObject({ major: 6, minor: 0 });
    expect(parseExabgpVersion('ExaBGP : 4.2.21')).toMatchObject({ major: 4, patch: 21 });
  });

  it('ignores other lines', () => {
    expect(parseExabgpVersion('done')).toBeUndefined();
    expect(parseExabgpVersion('{"status": "ok"}')).toBeUndefined();
    expect(parseExabgpVersion('{"version": 6')).toBeUndefined();
  });
});

describe('defaultDialectFor', () => {
  it('speaks peer to 6.x and neighbor to older or unknown daemons', () => {
    expect(defaultDialectFor(parseExabgpVersion('exabgp 6.0.0'))).toBe('peer');
    expect(defaultDialectFor(parseExabgpVersion('exabgp 5.0.13'))).toBe('neighbor');
    expect(defaultDialectFor(undefined)).toBe('neighbor');
  });
});

describe('detectExabgp', () => {
  const probe = { sentAtMs: 1000, windowMs: 500 };

  it('asks with a command every version answers', () => {
    expect(versionProbeCommand).toBe('system version');
  });

  it('sees 4.2 with acks when done follows the version', () => {
    const lines = timed([['exabgp 4.2.21', 1001], ['done', 1002]]);
    expect(detectExabgp(lines, { ...probe, nowMs: 1002 })).toEqual({
      version: { major: 4, minor: 2, patch: 21, text: '4.2.21' },
      dialect: 'neighbor',
      acks: 'on',
      settled: true,
    });
  });

  it('sees 6.x API v6 from its JSON answer, ignoring interleaved messages', () => {
    const lines = timed([
      ['{ "exabgp": "6.0.0", "type": "state", "neighbor": { "address": { "peer": "::1" }, "state": "connected" } }', 1001],
      ['{"version": "6.0.0-20260822+uncontrolled", "application": "exabgp"}', 1002],
      ['done', 1003],
    ]);
    expect(detectExabgp(lines, { ...probe, nowMs: 1003 })).toMatchObject({ dialect: 'peer', acks: 'on', settled: true });
  });

  it('decides acks are off only once the window has closed', () => {
    const lines = timed([['exabgp 5.0.13', 1001]]);
    expect(detectExabgp(lines, { ...probe, nowMs: 1200 })).toMatchObject({ acks: 'unknown', settled: false });
    expect(detectExabgp(lines, { ...probe, nowMs: 1500 })).toMatchObject({ acks: 'off', settled: true, dialect: 'neighbor' });
  });

  it('ignores an ack that came before the probe or after the window', () => {
    const lines = timed([['done', 999], ['exabgp 4.2.21', 1001], ['done', 1600]]);
    expect(detectExabgp(lines, { ...probe, nowMs: 1600 })).toMatchObject({ acks: 'off' });
  });

  it('takes an error without a version as a 6.x daemon refusing a 4.x command', () => {
    expect(detectExabgp(timed([['error', 1001]]), { ...probe, nowMs: 1001 })).toMatchObject({ version: undefined, dialect: 'peer', acks: 'on' });
  });
});
