import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pickFreePort } from './tcp-servers.js';

const run = promisify(execFile);
const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;
// initdb refuses to run as root; runuser needs no PAM session or TTY.
const asPostgres = (command: string, args: string[]): [string, string[]] =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

/** A throwaway PostgreSQL 15 cluster on 127.0.0.1; host connections need the password (scram). */
export interface PostgresHandle {
  host: '127.0.0.1';
  port: number;
  user: 'postgres';
  database: 'postgres';
  /** The password of the `postgres` role over TCP (local socket connections are trusted). */
  password: string;
  /** `postgresql://postgres@127.0.0.1:PORT/postgres`, without the password. */
  connectionString: string;
  /** Runs SQL as postgres over the private socket and returns psql's unaligned output. */
  psql(sql: string): Promise<string>;
  /** Stops the server (fast shutdown) and keeps the data, so `startServer` brings it back on the same port. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** A streaming replica of this cluster (pg_basebackup -R) on another free port. */
  startReplica(): Promise<PostgresHandle>;
  /** Stops the server and deletes the cluster. */
  stop(): Promise<void>;
}

/** Creates a cluster in a temp dir (fsync off) and starts it on a free loopback port. */
export async function startPostgres(): Promise<PostgresHandle> {
  const dir = await makeClusterDir();
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  await run('sh', ['-c', `umask 077 && printf %s "$1" > "$2"`, 'sh', password, pwfile]);
  await chownToPostgres(pwfile);
  await runAsPostgres('initdb', [
    ...['-D', join(dir, 'data'), '-U', 'postgres', '-E', 'UTF8', '--no-sync'],
    ...['--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`],
  ]);
  return launchCluster(dir, password);
}

async function launchCluster(dir: string, password: string): Promise<PostgresHandle> {
  let port = 0;
  const startServer = async (): Promise<void> => {
    await runAsPostgres('pg_ctl', [
      ...['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o'],
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  };
  const stopServer = async (): Promise<void> => {
    await runAsPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => {});
  };
  const killOnExit = (): void => {
    try {
      execFileSync(...asPostgres(join(pgBin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
  };
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopServer();
    await rm(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  for (let attempt = 0; ; attempt += 1) {
    port = await pickFreePort();
    try {
      await startServer();
      break;
    } catch (error) {
      // Someone took the port between the probe and the start: try another.
      if (attempt >= 4) {
        await stop();
        throw error;
      }
    }
  }
  const psql = async (sql: string): Promise<string> => {
    const { stdout } = await runAsPostgres('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-XAtqc', sql]);
    return stdout.trim();
  };
  const handle: PostgresHandle = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    user: 'postgres',
    database: 'postgres',
    password,
    get connectionString() {
      return `postgresql://postgres@127.0.0.1:${port}/postgres`;
    },
    psql,
    stopServer,
    startServer,
    startReplica: () => startReplica(handle),
    stop,
  };
  return handle;
}

async function startReplica(primary: PostgresHandle): Promise<PostgresHandle> {
  const dir = await makeClusterDir();
  await runAsPostgres('env', [
    `PGPASSWORD=${primary.password}`,
    join(pgBin, 'pg_basebackup'),
    ...['-h', primary.host, '-p', String(primary.port), '-U', 'postgres', '-D', join(dir, 'data'), '-R', '--no-sync'],
  ]);
  return launchCluster(dir, primary.password);
}

async function makeClusterDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-pg-'));
  await chownToPostgres(dir);
  return dir;
}

async function chownToPostgres(path: string): Promise<void> {
  if (!isRoot) return;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(path, Number(uid), Number(gid));
}

function runAsPostgres(command: string, args: string[]) {
  const binary = command === 'env' ? 'env' : join(pgBin, command);
  const [file, argv] = asPostgres(binary, args);
  return run(file, argv, { timeout: 90_000 });
}

