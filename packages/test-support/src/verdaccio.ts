import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickFreePort } from './tcp-servers.js';

/** A running verdaccio on 127.0.0.1 with one user, its storage in a temp dir. */
export interface VerdaccioHandle {
  /** `http://127.0.0.1:PORT/`, for `--registry`. */
  url: string;
  token: string;
  /** A userconfig naming this registry and the token; npm reads it via `npm_config_userconfig`. */
  npmrc: string;
  /** Environment for npm, npx and lerna: this registry, this token, no prompts. */
  npmEnv: Record<string, string>;
  /** Recent verdaccio output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface VerdaccioOptions {
  /** Patterns served only from here, never from the uplink, so a published name cannot be shadowed. */
  localPackages?: string[];
  /** Where everything else is proxied from; defaults to npm's configured registry. */
  uplink?: string;
}

/** verdaccio is installed on its own (`npm ci --prefix tools/verdaccio`): it is not a workspace. */
const verdaccioBin = fileURLToPath(
  new URL('../../../tools/verdaccio/node_modules/verdaccio/bin/verdaccio', import.meta.url),
);

function renderConfig(dir: string, port: number, options: Required<VerdaccioOptions>): string {
  const local = options.localPackages.map((pattern) => `  '${pattern}':\n    access: $all\n    publish: $authenticated\n`);
  return [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    'uplinks:',
    '  upstream:',
    `    url: ${options.uplink}`,
    '    timeout: 60s',
    'packages:',
    ...local,
    "  '**':\n    access: $all\n    publish: $authenticated\n    proxy: upstream",
    `listen: 127.0.0.1:${port}`,
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}


async function waitUntilReady(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    const ok = await fetch(`${url}-/ping`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`verdaccio did not answer within ${deadlineMs}ms`);
}

async function createToken(url: string): Promise<string> {
  const response = await fetch(`${url}-/user/org.couchdb.user:ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', password: 'exaplug-ci-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`verdaccio refused the user: ${JSON.stringify(body)}`);
  return body.token;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts verdaccio on a free loopback port; call `stop()` in afterAll. */
export async function startVerdaccio(options: VerdaccioOptions = {}): Promise<VerdaccioHandle> {
  if (!existsSync(verdaccioBin)) {
    throw new Error(`verdaccio is not installed; run: npm ci --prefix tools/verdaccio (looked for ${verdaccioBin})`);
  }
  const settings: Required<VerdaccioOptions> = {
    localPackages: options.localPackages ?? ['@exaplug/*', 'exaplug-*'],
    uplink: options.uplink ?? process.env.npm_config_registry ?? 'https://registry.npmjs.org/',
  };
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-verdaccio-'));
  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}/`;
  await writeFile(join(dir, 'config.yaml'), renderConfig(dir, port, settings));
  const child = spawn(process.execPath, [verdaccioBin, '--config', join(dir, 'config.yaml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VERDACCIO_APPDIR: dir },
  });
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, 30_000);
    const token = await createToken(url);
    const npmrc = join(dir, 'npmrc');
    await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    const npmEnv = { npm_config_userconfig: npmrc, npm_config_registry: url, npm_config_yes: 'true' };
    return { url, token, npmrc, npmEnv, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`verdaccio failed on port ${port}: ${output.trim()}`, { cause: error });
  }
}
