import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVerdaccio, type VerdaccioHandle } from '@exaplug/test-support/verdaccio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runOrThrow } from './run-command.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

let registry: VerdaccioHandle;
let work: string;
let env: Record<string, string>;
let pong: Server;

/** The workspace packages lerna should publish: every non-private one under packages/. */
async function publicPackages(): Promise<Array<{ name: string; version: string }>> {
  const found = [];
  for (const folder of await readdir(join(repo, 'packages'))) {
    const manifest = JSON.parse(await readFile(join(repo, 'packages', folder, 'package.json'), 'utf8'));
    if (!manifest.private) found.push({ name: manifest.name as string, version: manifest.version as string });
  }
  return found;
}

async function publishedVersions(name: string): Promise<string[]> {
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
  if (!response.ok) return [];
  return Object.keys(((await response.json()) as { versions?: object }).versions ?? {});
}

beforeAll(async () => {
  registry = await startVerdaccio();
  work = await mkdtemp(join(tmpdir(), 'exaplug-publish-'));
  env = { ...registry.npmEnv, npm_config_engine_strict: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // Redis-like: answers PING with +PONG and hangs up, so the plugin's result depends on a real conversation.
  pong = createServer((socket) => socket.on('data', () => socket.end('+PONG\r\n')).on('error', () => {}));
  await new Promise<void>((resolve) => pong.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => pong?.close(resolve));
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('publishing to a real registry', () => {
  it('publishes core and the checks, then a scaffolded plugin, and runs it from a clean install', async () => {
    await runOrThrow('npx', ['tsc', '-b'], { cwd: repo, env });
    await runOrThrow('npx', ['lerna', 'publish', 'from-package', '--registry', registry.url, '--yes', '--no-private'], {
      cwd: repo,
      env,
    });
    for (const { name, version } of await publicPackages()) {
      expect(await publishedVersions(name), name).toContain(version);
    }

    // A new user: install the published core, scaffold a plugin with its own `exaplug new`
    // (the templates ship inside @exaplug/core), test and publish the plugin, install it.
    const consumer = join(work, 'consumer');
    await runOrThrow('mkdir', [consumer], { cwd: work });
    await writeFile(join(consumer, 'package.json'), '{ "private": true }\n');
    await runOrThrow('npm', ['install', '@exaplug/core'], { cwd: consumer, env });
    const pluginDir = join(work, 'exaplug-check-probe');
    await runOrThrow('npx', ['exaplug', 'new', 'check', 'probe', '--dir', pluginDir], { cwd: consumer, env });
    await runOrThrow('npm', ['install'], { cwd: pluginDir, env });
    await runOrThrow('npm', ['test'], { cwd: pluginDir, env });
    await runOrThrow('npm', ['publish'], { cwd: pluginDir, env });
    expect(await publishedVersions('exaplug-check-probe')).toEqual(['0.1.0']);
    await runOrThrow('npm', ['install', 'exaplug-check-probe'], { cwd: consumer, env });
    const { port } = pong.address() as AddressInfo;
    await writeFile(
      join(consumer, 'exaplug.yaml'),
      [
        'services:',
        '  cache:',
        '    ips: [2001:db8:40::1/128]',
        '    check:',
        '      use: exaplug-check-probe',
        `      with: { port: ${port}, send: "PING\\r\\n", expect: "+PONG" }`,
        '  picky:',
        '    ips: [2001:db8:40::2/128]',
        '    check:',
        '      use: probe',
        `      with: { port: ${port}, send: "PING\\r\\n", expect: "+OK" }`,
        '',
      ].join('\n'),
    );

    const checked = await runCommand('npx', ['exaplug', 'check', '--config', 'exaplug.yaml', '--json'], { cwd: consumer, env });
    const results = checked.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(results, checked.stderr).toEqual([
      expect.objectContaining({ service: 'cache', check: 'probe', status: 'healthy', reason: expect.stringContaining('+PONG') }),
      expect.objectContaining({ service: 'picky', check: 'probe', status: 'failed', reason: expect.stringContaining('lacks "+OK"') }),
    ]);
    expect(checked.code).toBe(1);
  });
});
