import { describe, expect, it } from 'vitest';
import { describePgError, isStatementError, redactSecrets } from './describe-pg-error.js';

const context = { where: '127.0.0.1:5432', connectTimeout: '2s', statementTimeout: '5s' };

describe('describePgError', () => {
  it('names refused connections with the address', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(describePgError(error, context)).toBe('connection refused (127.0.0.1:5432)');
  });

  it('quotes the configured connect timeout', () => {
    expect(describePgError(new Error('timeout expired'), context)).toBe('connect timeout after 2s (127.0.0.1:5432)');
  });

  it('quotes the configured statement timeout', () => {
    const error = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(describePgError(error, context)).toBe('statement timeout after 5s');
  });

  it('explains a missing password instead of the SASL jargon', () => {
    const error = new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string');
    expect(describePgError(error, context)).toMatch(/asks for a password, but none is configured/);
  });

  it('keeps the server message for database errors', () => {
    const error = Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01' });
    expect(describePgError(error, context)).toBe('password authentication failed for user "app"');
  });
});

describe('isStatementError', () => {
  it('keeps the connection after an ERROR but not after a FATAL', () => {
    expect(isStatementError({ severity: 'ERROR' })).toBe(true);
    expect(isStatementError({ severity: 'FATAL' })).toBe(false);
    expect(isStatementError(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactSecrets('a hunter2 b hunter2', ['hunter2', ''])).toBe('a *** b ***');
  });
});
