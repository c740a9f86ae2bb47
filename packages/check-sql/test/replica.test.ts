import { startPostgres, type PostgresHandle } from '@exaplug/test-support/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckFactory, runOnce, waitFor } from './create-sql-check.js';

const passwordEnv = 'EXAPLUG_TEST_SQL_REPLICA_PASSWORD';
let primary: PostgresHandle;
let replica: PostgresHandle;
const factory = createCheckFactory();

beforeAll(async () => {
  primary = await startPostgres();
  replica = await primary.startReplica();
  process.env[passwordEnv] = primary.password;
  await waitFor(async () => (await replica.psql('SELECT status FROM pg_stat_wal_receiver')) === 'streaming');
}, 90_000);

afterAll(async () => {
  await factory.closeAll();
  await replica?.stop();
  await primary?.stop();
  delete process.env[passwordEnv];
}, 60_000);

const on = (server: PostgresHandle) => ({ host: server.host, port: server.port, user: 'postgres', database: 'postgres', passwordEnv });

describe('sql check against a streaming replica', () => {
  it('is healthy expecting a replica that is caught up', async () => {
    await primary.psql('CREATE TABLE IF NOT EXISTS beat (at timestamptz); INSERT INTO beat VALUES (now())');
    await waitFor(async () => (await replica.psql("SELECT to_regclass('beat') IS NOT NULL")) === 't');
    const instance = await factory.create({ ...on(replica), role: 'replica', maxReplicationLag: '10s' });
    const result = await runOnce(instance);
    expect(result.status).toBe('healthy');
    expect(result.reason).toMatch(/^replica, lag \d+\.\ds, 1 row, value 1$/);
  });

  it('fails expecting a primary on the replica', async () => {
    const instance = await factory.create({ ...on(replica), role: 'primary' });
    expect(await runOnce(instance)).toMatchObject({ status: 'failed', reason: 'expected primary, server is a replica' });
  });

  it('fails a replica that has stopped replaying for longer than maxReplicationLag', async () => {
    await replica.psql('SELECT pg_wal_replay_pause()');
    try {
      await primary.psql('INSERT INTO beat VALUES (now())');
      const instance = await factory.create({ ...on(replica), role: 'replica', maxReplicationLag: '500ms' });
      await waitFor(async () => (await runOnce(instance)).status === 'failed');
      expect((await runOnce(instance)).reason).toMatch(/^replication lag \d+\.\ds exceeds 500ms$/);
    } finally {
      await replica.psql('SELECT pg_wal_replay_resume()');
    }
  });
});
