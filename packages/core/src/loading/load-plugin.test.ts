import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExaplugError } from '../errors.js';
import { loadCheck, loadStrategy, packageCandidates } from './load-plugin.js';

let dir: string;
// Plugins written to disk import core's plugin entry by absolute path, as an installed plugin would by name.
const pluginEntry = new URL('../plugin.ts', import.meta.url).href;

async function writePlugin(path: string, body: string) {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), `import { defineCheck, z } from ${JSON.stringify(pluginEntry)};\n${body}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-load-'));
  await writePlugin(
    'local-check.ts',
    `export const check = defineCheck({ name: 'local', coreVersion: '>=0.0.0', options: z.object({}), create: () => ({ run: async () => ({ status: 'healthy' }) }) });`,
  );
  await writePlugin('not-a-plugin.ts', `export const something = 1;`);
  await writePlugin(
    'future.ts',
    `export const check = defineCheck({ name: 'future', coreVersion: '^99.0.0', options: z.object({}), create: () => ({ run: async () => ({ status: 'healthy' }) }) });`,
  );
  await writePlugin(
    'node_modules/@exaplug/check-demo/index.ts',
    `export const check = defineCheck({ name: 'demo', coreVersion: '*', options: z.object({}), create: () => ({ run: async () => ({ status: 'healthy' }) }) });`,
  );
  await writeFile(
    join(dir, 'node_modules/@exaplug/check-demo/package.json'),
    JSON.stringify({ name: '@exaplug/check-demo', version: '1.2.3', type: 'module', exports: { '.': { import: './index.ts' } } }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isExaplugError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'loaded';
}

describe('loading plugins', () => {
  it('maps short names to scoped, then unscoped package names', () => {
    expect(packageCandidates('check', 'http')).toEqual(['@exaplug/check-http', 'exaplug-check-http', 'http']);
    expect(packageCandidates('strategy', '@acme/weights')).toEqual(['@acme/weights']);
  });

  it('finds built-ins without touching the disk', async () => {
    expect((await loadCheck('exec', dir)).origin.source).toBe('builtin');
    expect((await loadStrategy('rotate', dir)).definition.name).toBe('rotate');
  });

  it('loads a path relative to the config directory', async () => {
    const loaded = await loadCheck('./local-check.ts', dir);
    expect(loaded.definition.name).toBe('local');
    expect(loaded.origin).toMatchObject({ source: 'path', resolvedAs: join(dir, 'local-check.ts') });
  });

  it('resolves a short name to an installed package next to the config', async () => {
    const loaded = await loadCheck('demo', dir);
    expect(loaded.origin).toMatchObject({ source: 'package', resolvedAs: '@exaplug/check-demo', version: '1.2.3' });
  });

  it('names the package when nothing is installed', async () => {
    expect(await codeOf(loadCheck('nosuch', dir))).toMatch(/^EXAPLUG_PLUGIN_NOT_FOUND: check "nosuch": no installed package "@exaplug\/check-nosuch"/);
    expect(await codeOf(loadCheck('./missing.js', dir))).toMatch(/^EXAPLUG_PLUGIN_NOT_FOUND/);
  });

  it('refuses a module without a check export', async () => {
    expect(await codeOf(loadCheck('./not-a-plugin.ts', dir))).toMatch(/^EXAPLUG_PLUGIN_INVALID: .*it exports something/);
  });

  it('refuses a plugin made for another core version', async () => {
    expect(await codeOf(loadCheck('./future.ts', dir))).toMatch(/^EXAPLUG_PLUGIN_INCOMPATIBLE: .* supports @exaplug\/core \^99\.0\.0/);
  });

  it('wraps an import failure with the plugin name and keeps the cause', async () => {
    const failing = () => Promise.reject(new Error('boom'));
    await expect(loadCheck('./local-check.ts', dir, failing)).rejects.toMatchObject({
      code: 'EXAPLUG_PLUGIN_LOAD',
      cause: expect.objectContaining({ message: 'boom' }),
    });
  });
});

describe('loading many services', () => {
  it('resolves and imports a package once however many services use it', async () => {
    let imports = 0;
    const importer = (url: string) => {
      imports += 1;
      return import(url) as Promise<Record<string, unknown>>;
    };
    const loaded = await Promise.all(Array.from({ length: 50 }, () => loadCheck('demo', dir, importer)));
    expect(new Set(loaded.map((plugin) => plugin.definition)).size).toBe(1);
    expect(imports).toBe(1);
  });

  it('forgets a failed load, so a plugin installed later is found', async () => {
    const importer = (url: string) => import(url) as Promise<Record<string, unknown>>;
    expect(await codeOf(loadCheck('./late.ts', dir, importer))).toMatch(/^EXAPLUG_PLUGIN_NOT_FOUND/);
    await writePlugin(
      'late.ts',
      `export const check = defineCheck({ name: 'late', coreVersion: '*', options: z.object({}), create: () => ({ run: async () => ({ status: 'healthy' }) }) });`,
    );
    expect((await loadCheck('./late.ts', dir, importer)).definition.name).toBe('late');
  });
});
