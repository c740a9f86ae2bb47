import { failed, healthy, type CheckResult } from '@exaplug/core/plugin';

/** What the server says about itself. */
export interface RoleFacts {
  isInRecovery: boolean;
  /** Seconds the replica's replay is behind; null on a primary or when unknown. */
  lagSeconds: number | null;
}

export interface RoleExpectation {
  role: 'any' | 'primary' | 'replica';
  maxLagMs?: number;
  /** The option as written, for reasons. */
  maxLagText?: string;
}

/**
 * Replication lag is 0 when everything received has been replayed and the WAL receiver is
 * streaming; otherwise the age of the last replayed transaction. Without the first case an
 * idle primary would make a healthy replica look ever more behind.
 */
export const roleQuery = `SELECT pg_is_in_recovery() AS is_in_recovery,
  CASE
    WHEN NOT pg_is_in_recovery() THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
      AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
    ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8
  END AS lag_seconds`;

/** Judges whether the server plays the expected role and is recent enough. */
export function evaluateRole(facts: RoleFacts, expectation: RoleExpectation): CheckResult {
  const actual = facts.isInRecovery ? 'replica' : 'primary';
  const details = { role: actual, lagSeconds: facts.lagSeconds };
  if (expectation.role !== 'any' && expectation.role !== actual) {
    return failed(`expected ${expectation.role}, server is a ${actual}`, details);
  }
  if (!facts.isInRecovery) return healthy('primary', details);
  const lag = facts.lagSeconds;
  if (expectation.maxLagMs !== undefined) {
    if (lag === null) return failed('replication lag unknown: nothing replayed yet', details);
    if (lag * 1000 > expectation.maxLagMs) {
      return failed(`replication lag ${lag.toFixed(1)}s exceeds ${expectation.maxLagText}`, details);
    }
  }
  return healthy(lag === null ? 'replica' : `replica, lag ${lag.toFixed(1)}s`, details);
}
