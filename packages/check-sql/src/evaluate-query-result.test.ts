import { describe, expect, it } from 'vitest';
import { evaluateQueryResult, formatValue } from './evaluate-query-result.js';

describe('evaluateQueryResult', () => {
  it('is healthy without expectations and reports the first value', () => {
    expect(evaluateQueryResult([[1]], {})).toMatchObject({ status: 'healthy', reason: '1 row, value 1' });
  });

  it('fails on a different row count', () => {
    expect(evaluateQueryResult([[1], [2]], { expectRows: 1 })).toMatchObject({ status: 'failed', reason: 'expected 1 row, got 2' });
  });

  it('compares the first value as text', () => {
    expect(evaluateQueryResult([[true]], { expectValue: true }).status).toBe('healthy');
    expect(evaluateQueryResult([['ok']], { expectValue: 'ready' })).toMatchObject({ reason: 'expected value ready, got ok' });
    expect(evaluateQueryResult([], { expectValue: 1 })).toMatchObject({ reason: 'expected value 1, got no rows' });
  });

  it('matches the first value against a regular expression', () => {
    expect(evaluateQueryResult([['15.4']], { expectValueRegex: '^15\\.' }).status).toBe('healthy');
    expect(evaluateQueryResult([[null]], { expectValueRegex: '^15\\.' })).toMatchObject({
      status: 'failed',
      reason: 'expected a value matching /^15\\./, got NULL',
    });
  });
});

describe('formatValue', () => {
  it('writes NULL, dates and JSON values readably', () => {
    expect(formatValue(null)).toBe('NULL');
    expect(formatValue(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
