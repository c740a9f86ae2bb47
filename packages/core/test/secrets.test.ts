import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugBin } from './e2e-support.js';

/** Every secret, each in a place a config can hold one. None may appear in any output. */
const secrets = {
  urlPassword: 'UrlPassw0rd-e2e',
  queryToken: 'QueryT0ken-e2e',
  authorization: 'HeaderT0ken-e2e',
  cookie: 'CookieT0ken-e2e',
  postgresPassword: 'PgPassw0rd-e2e',
  libpqPassword: 'LibpqPassw0rd-e2e',
};

/** A loopback port nobody listens on: every check fails, which is when details get printed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function configText(port: number, extra = ''): string {
  return [
    'services:',
    '  web:',
    '    ips: [192.0.2.1/32]',
    '    check:',
    '      use: http',
    '      with:',
    `        url: "http://exaplug:${secrets.urlPassword}@127.0.0.1:${port}/health?token=${secrets.queryToken}&verbose=1"`,
    `        headers: { Authorization: "Bearer ${secrets.authorization}", Cookie: "session=${secrets.cookie}" }`,
    '    timeout: 1s',
    '    interval: 200ms',
    '    rise: 1',
    '    fall: 1',
    '  db:',
    '    ips: [192.0.2.2/32]',
    '    check:',
    '      use: sql',
    `      with: { connectionString: "postgres://app:${secrets.postgresPassword}@127.0.0.1:${port}/app", connectTimeout: 500ms }`,
    '    timeout: 1s',
    '    interval: 200ms',
    '    rise: 1',
    '    fall: 1',
    '  replica:',
    '    ips: [192.0.2.3/32]',
    '    check:',
    '      use: sql',
    `      with: { connectionString: "host=127.0.0.1 port=${port} user=app password=${secrets.libpqPassword} dbname=app", connectTimeout: 500ms }`,
    '    timeout: 1s',
    '    interval: 200ms',
    '    rise: 1',
    '    fall: 1',
    extra,
  ].join('\n');
}

function exaplug(...args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [exaplugBin, ...args], (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
  });
}

/** `exaplug run`, acknowledging like ExaBGP, until every service has failed at least twice. */
async function runUntilChecksFailed(configPath: string): Promise<string> {
  const child = spawn(process.execPath, [exaplugBin, 'run', '--config', configPath, '--log-level', 'debug'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    output += `${line}\n`;
    child.stdin.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitFor(() => (output.match(/"check completed"/g) ?? []).length >= 6, { timeoutMs: 20_000, what: 'failed checks in the log' });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return output;
}

function leaked(output: string): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => output.includes(secret))
    .map(([name]) => name);
}

describe('secrets in a config', () => {
  let dir: string;
  let config: string;
  let invalid: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-secrets-'));
    const port = await closedPort();
    config = join(dir, 'exaplug.yaml');
    await writeFile(config, configText(port));
    // Invalid elsewhere, so validate and plan print their refusal with the secrets still in the file.
    invalid = join(dir, 'invalid.yaml');
    await writeFile(invalid, configText(port, 'onStop: sometimes'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['check', () => exaplug('check', '--config', config)],
    ['check --json', () => exaplug('check', '--json', '--config', config)],
    ['validate', () => exaplug('validate', '--config', config)],
    ['validate (invalid config)', () => exaplug('validate', '--config', invalid)],
    ['plan', () => exaplug('plan', '--config', config)],
    ['plan (invalid config)', () => exaplug('plan', '--config', invalid)],
    ['run', () => runUntilChecksFailed(config)],
  ])('are never printed by exaplug %s', async (_, command) => {
    const output = await command();
    expect(output.length).toBeGreaterThan(0);
    expect(leaked(output)).toEqual([]);
  }, 40_000);
});
