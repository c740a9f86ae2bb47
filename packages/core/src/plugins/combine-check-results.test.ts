import { describe, expect, it } from 'vitest';
import type { CheckResult } from './check-result.js';
import { combineCheckResults } from './combine-check-results.js';

const parts = (...statuses: CheckResult['status'][]) =>
  statuses.map((status, index) => ({ name: `c${index}`, result: { status, ...(status !== 'healthy' && { reason: 'why' }) } as CheckResult }));

describe('combineCheckResults', () => {
  it('all: fails on one failure, degrades on one degraded part', () => {
    expect(combineCheckResults({ mode: 'all' }, parts('healthy', 'healthy')).status).toBe('healthy');
    expect(combineCheckResults({ mode: 'all' }, parts('healthy', 'degraded')).status).toBe('degraded');
    const result = combineCheckResults({ mode: 'all' }, parts('healthy', 'failed'));
    expect(result).toMatchObject({ status: 'failed', reason: '1/2 healthy: c1 failed (why)' });
  });

  it('any: passes with one healthy part', () => {
    expect(combineCheckResults({ mode: 'any' }, parts('failed', 'healthy')).status).toBe('healthy');
    expect(combineCheckResults({ mode: 'any' }, parts('failed', 'degraded')).status).toBe('degraded');
    expect(combineCheckResults({ mode: 'any' }, parts('failed', 'failed')).status).toBe('failed');
  });

  it('quorum: needs N passing parts, N healthy ones to be healthy', () => {
    const quorum = { mode: 'quorum', quorum: 2 } as const;
    expect(combineCheckResults(quorum, parts('healthy', 'healthy', 'failed')).status).toBe('healthy');
    expect(combineCheckResults(quorum, parts('healthy', 'degraded', 'failed')).status).toBe('degraded');
    expect(combineCheckResults(quorum, parts('healthy', 'failed', 'failed'))).toMatchObject({
      status: 'failed',
      reason: '1/3 healthy, quorum 2: c1 failed (why); c2 failed (why)',
    });
  });

  it('merges the values the parts report', () => {
    const result = combineCheckResults({ mode: 'all' }, [
      { name: 'a', result: { status: 'healthy', values: { load: 0.5 } } },
      { name: 'b', result: { status: 'healthy', values: { latencyMs: 12 } } },
      { name: 'c', result: { status: 'healthy' } },
    ]);
    expect(result.values).toEqual({ load: 0.5, latencyMs: 12 });
    expect(combineCheckResults({ mode: 'all' }, parts('healthy')).values).toBeUndefined();
  });
});
