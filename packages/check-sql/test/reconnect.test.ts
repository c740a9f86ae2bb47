import { startPostgres, type PostgresHandle } from '@exaplug/test-support/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckFactory, runOnce, waitFor } from './create-sql-check.js';

const passwordEnv = 'EXAPLUG_TEST_SQL_RECONNECT_PASSWORD';
let pg: PostgresHandle;
const factory = createCheckFactory();

beforeAll(async () => {
  pg = await startPostgres();
  process.env[passwordEnv] = pg.password;
}, 60_000);

afterAll(async () => {
  await factory.closeAll();
  await pg?.stop();
  delete process.env[passwordEnv];
}, 60_000);

const fields = () => ({ host: pg.host, port: pg.port, user: pg.user, database: pg.database, passwordEnv, connectTimeout: '1s' });

describe('sql check across a server stop and start', () => {
  it('fails while the server is down and recovers with the same instance', async () => {
    const steady = await factory.create(fields(), 'steady');
    const slow = await factory.create({ ...fields(), query: 'SELECT pg_sleep(30)', statementTimeout: '60s' }, 'slow');
    expect((await runOnce(steady)).status).toBe('healthy');

    const inFlight = runOnce(slow);
    await waitFor(
      async () =>
        (await pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'exaplug:slow' AND state = 'active'")) === '1',
    );
    await pg.stopServer();

    const midRun = await inFlight;
    expect(midRun.status).toBe('failed');
    expect(midRun.reason).toMatch(/terminating connection due to administrator command|connection lost/);

    const whileDown = await runOnce(steady);
    expect(whileDown).toMatchObject({ status: 'failed', reason: `connection refused (127.0.0.1:${pg.port})` });

    await pg.startServer();
    expect(await runOnce(steady)).toMatchObject({ status: 'healthy', reason: '1 row, value 1' });
    const count = await pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'exaplug:steady'");
    expect(count).toBe('1');
  }, 60_000);
});
