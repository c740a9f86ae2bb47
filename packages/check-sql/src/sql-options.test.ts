import { describe, expect, it } from 'vitest';
import { sqlOptionsSchema } from './sql-options.js';

describe('sqlOptionsSchema', () => {
  it('fills in the defaults', () => {
    expect(sqlOptionsSchema.parse({ host: 'db' })).toMatchObject({
      port: 5432,
      query: 'SELECT 1',
      role: 'any',
      statementTimeout: 5000,
      connectTimeout: 2000,
    });
  });

  it('refuses a connection string together with a host', () => {
    const result = sqlOptionsSchema.safeParse({ connectionString: 'postgresql://db/app', host: 'db' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['host'], message: 'give connectionString or host, not both' });
  });

  it('refuses two password sources, a bad duration and a bad regex', () => {
    expect(sqlOptionsSchema.safeParse({ passwordEnv: 'A', passwordFile: 'b' }).success).toBe(false);
    expect(sqlOptionsSchema.safeParse({ statementTimeout: 'soon' }).success).toBe(false);
    expect(sqlOptionsSchema.safeParse({ expectValueRegex: '(' }).success).toBe(false);
  });

  it('refuses maxReplicationLag when a primary is expected', () => {
    expect(sqlOptionsSchema.safeParse({ role: 'primary', maxReplicationLag: '5s' }).success).toBe(false);
  });

  it('refuses unknown options so a typo does not pass silently', () => {
    const result = sqlOptionsSchema.safeParse({ host: 'db', expectRow: 1 });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['expectRow'] }));
  });
});
