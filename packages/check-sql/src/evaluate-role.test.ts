import { describe, expect, it } from 'vitest';
import { evaluateRole } from './evaluate-role.js';

const primary = { isInRecovery: false, lagSeconds: null };
const replica = (lagSeconds: number | null) => ({ isInRecovery: true, lagSeconds });

describe('evaluateRole', () => {
  it('accepts either role with role: any', () => {
    expect(evaluateRole(primary, { role: 'any' })).toMatchObject({ status: 'healthy', reason: 'primary' });
    expect(evaluateRole(replica(0), { role: 'any' })).toMatchObject({ status: 'healthy', reason: 'replica, lag 0.0s' });
  });

  it('says which role was expected and which was found', () => {
    expect(evaluateRole(primary, { role: 'replica' })).toMatchObject({
      status: 'failed',
      reason: 'expected replica, server is a primary',
    });
    expect(evaluateRole(replica(0), { role: 'primary' })).toMatchObject({
      status: 'failed',
      reason: 'expected primary, server is a replica',
    });
  });

  it('fails a replica that is further behind than allowed', () => {
    const expectation = { role: 'replica' as const, maxLagMs: 5000, maxLagText: '5s' };
    expect(evaluateRole(replica(4.2), expectation).status).toBe('healthy');
    expect(evaluateRole(replica(12.34), expectation)).toMatchObject({ reason: 'replication lag 12.3s exceeds 5s' });
    expect(evaluateRole(replica(null), expectation).status).toBe('failed');
  });
});
