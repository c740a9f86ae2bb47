import { describe, expect, it } from 'vitest';
import { formatStatusRanges, matchesStatus, parseStatusRanges, parseStatusSpec } from './status-ranges.js';

describe('parseStatusSpec', () => {
  it('reads a single code, a range and a class', () => {
    expect(parseStatusSpec(204)).toEqual({ from: 204, to: 204 });
    expect(parseStatusSpec('200-299')).toEqual({ from: 200, to: 299 });
    expect(parseStatusSpec(' 301 - 308 ')).toEqual({ from: 301, to: 308 });
    expect(parseStatusSpec('4xx')).toEqual({ from: 400, to: 499 });
    expect(parseStatusSpec('503')).toEqual({ from: 503, to: 503 });
  });

  it('rejects codes outside 100-599, reversed ranges and words', () => {
    expect(parseStatusSpec(99)).toBeUndefined();
    expect(parseStatusSpec(600)).toBeUndefined();
    expect(parseStatusSpec(200.5)).toBeUndefined();
    expect(parseStatusSpec('299-200')).toBeUndefined();
    expect(parseStatusSpec('ok')).toBeUndefined();
    expect(parseStatusSpec('6xx')).toBeUndefined();
  });
});

describe('matchesStatus', () => {
  const ranges = parseStatusRanges([200, '300-302', '4xx']);

  it('matches codes inside any range, bounds included', () => {
    expect([200, 300, 302, 400, 499].map((code) => matchesStatus(ranges, code))).toEqual([true, true, true, true, true]);
  });

  it('does not match codes between or outside the ranges', () => {
    expect([201, 299, 303, 500].map((code) => matchesStatus(ranges, code))).toEqual([false, false, false, false]);
  });
});

describe('formatStatusRanges', () => {
  it('writes single codes bare and ranges with a dash', () => {
    expect(formatStatusRanges(parseStatusRanges([200, '2xx', '301-302']))).toBe('200, 200-299, 301-302');
  });
});
