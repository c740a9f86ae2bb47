import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresHandle } from '@exaplug/test-support/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckFactory, runOnce, waitFor } from './create-sql-check.js';

const passwordEnv = 'EXAPLUG_TEST_SQL_PASSWORD';
const wrongPasswordEnv = 'EXAPLUG_TEST_SQL_WRONG_PASSWORD';
const wrongPassword = 'not-the-password-8c1f';
let pg: PostgresHandle;
let configDir: string;
const factory = createCheckFactory();

beforeAll(async () => {
  pg = await startPostgres();
  process.env[passwordEnv] = pg.password;
  process.env[wrongPasswordEnv] = wrongPassword;
  configDir = await mkdtemp(join(tmpdir(), 'exaplug-sql-config-'));
  await writeFile(join(configDir, 'db-password'), `${pg.password}\n`, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await factory.closeAll();
  await pg?.stop();
  if (configDir) await rm(configDir, { recursive: true, force: true });
  delete process.env[passwordEnv];
  delete process.env[wrongPasswordEnv];
}, 60_000);

const fields = () => ({ host: pg.host, port: pg.port, user: pg.user, database: pg.database, passwordEnv });

describe('sql check against PostgreSQL 15', () => {
  it('is healthy with the default SELECT 1', async () => {
    const result = await runOnce(await factory.create(fields()));
    expect(result).toMatchObject({ status: 'healthy', reason: '1 row, value 1' });
  });

  it('connects with a connectionString and a password file relative to the config', async () => {
    const fromFile = createCheckFactory(configDir);
    try {
      const instance = await fromFile.create({ connectionString: pg.connectionString, passwordFile: 'db-password' });
      expect((await runOnce(instance)).status).toBe('healthy');
    } finally {
      await fromFile.closeAll();
    }
  });

  it('checks rows and values of the configured query', async () => {
    const query = "SELECT 'ready' AS state FROM generate_series(1, 2)";
    const rows = await factory.create({ ...fields(), query, expectRows: 2, expectValue: 'ready' });
    expect(await runOnce(rows)).toMatchObject({ status: 'healthy', reason: '2 rows, value ready' });
    const wrong = await factory.create({ ...fields(), query, expectValue: 'draining' });
    expect(await runOnce(wrong)).toMatchObject({ status: 'failed', reason: 'expected value draining, got ready' });
    const regex = await factory.create({ ...fields(), query: 'SHOW server_version', expectValueRegex: '^15\\.' });
    expect((await runOnce(regex)).status).toBe('healthy');
  });

  it('keeps the connection after a failing statement', async () => {
    const instance = await factory.create({ ...fields(), query: 'SELECT 1/0' });
    expect(await runOnce(instance)).toMatchObject({ status: 'failed', reason: 'division by zero' });
    expect(await runOnce(instance)).toMatchObject({ status: 'failed', reason: 'division by zero' });
  });

  it('fails a statement that outlives statementTimeout', async () => {
    const instance = await factory.create({ ...fields(), query: 'SELECT pg_sleep(5)', statementTimeout: '200ms' });
    expect(await runOnce(instance)).toMatchObject({ status: 'failed', reason: 'statement timeout after 200ms' });
  });

  it('is healthy expecting a primary on the primary, and fails expecting a replica', async () => {
    const asPrimary = await factory.create({ ...fields(), role: 'primary' });
    expect(await runOnce(asPrimary)).toMatchObject({ status: 'healthy', reason: 'primary, 1 row, value 1' });
    const asReplica = await factory.create({ ...fields(), role: 'replica' });
    expect(await runOnce(asReplica)).toMatchObject({ status: 'failed', reason: 'expected replica, server is a primary' });
  });

  it('fails on a bad password with the server reason and without the password', async () => {
    const instance = await factory.create({ ...fields(), passwordEnv: wrongPasswordEnv });
    const result = await runOnce(instance);
    expect(result).toMatchObject({ status: 'failed', reason: 'password authentication failed for user "postgres"' });
    expect(JSON.stringify(result)).not.toContain(wrongPassword);
    expect(JSON.stringify(result)).not.toContain(pg.password);
  });

  it('fails clearly when the password variable is not set', async () => {
    const instance = await factory.create({ ...fields(), passwordEnv: 'EXAPLUG_TEST_SQL_UNSET' });
    expect(await runOnce(instance)).toMatchObject({ status: 'failed', reason: 'environment variable EXAPLUG_TEST_SQL_UNSET is not set' });
  });

  it('opens one connection however many runs overlap', async () => {
    const instance = await factory.create(fields(), 'overlap');
    const results = await Promise.all(Array.from({ length: 5 }, () => runOnce(instance)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('healthy'));
    await runOnce(instance);
    const count = await pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'exaplug:overlap'");
    expect(count).toBe('1');
  });

  it('answers "aborted" and drops the connection when the runtime aborts a run', async () => {
    const instance = await factory.create({ ...fields(), query: 'SELECT pg_sleep(10)' }, 'aborting');
    const controller = new AbortController();
    const running = instance.run({ signal: controller.signal });
    await waitFor(async () => (await pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'exaplug:aborting' AND state = 'active'")) === '1');
    controller.abort();
    expect(await running).toMatchObject({ status: 'failed', reason: 'aborted' });
  });
});
