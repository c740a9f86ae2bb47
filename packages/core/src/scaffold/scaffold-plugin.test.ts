import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isExaplugError } from '../errors.js';
import { coreVersion } from '../plugins/core-version.js';
import { findTemplatesDir } from './find-templates-dir.js';
import { readTemplateFiles } from './template-files.js';
import { scaffoldPlugin } from './scaffold-plugin.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'exaplug-scaffold-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('scaffoldPlugin', () => {
  it('creates a check package named after the plugin, from the repo’s template', async () => {
    const result = await scaffoldPlugin({ kind: 'check', name: 'redis', cwd });
    expect(result.dir).toBe(join(cwd, 'exaplug-check-redis'));
    expect(result.files).toEqual(expect.arrayContaining(['.gitignore', 'package.json', 'src/check.ts', 'README.md']));
    const manifest = JSON.parse(await readFile(join(result.dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'exaplug-check-redis', peerDependencies: { '@exaplug/core': expect.any(String) } });
    expect(manifest.private).toBeUndefined();
    const source = await readFile(join(result.dir, 'src/check.ts'), 'utf8');
    expect(source).toContain("name: 'redis'");
    expect(source).toContain('export const check = defineCheck(');
  });

  it('leaves no trace of the template’s name in a scoped strategy', async () => {
    const result = await scaffoldPlugin({ kind: 'strategy', name: 'weighted', scope: '@acme', dir: 'out/w', cwd });
    expect(result).toMatchObject({ dir: join(cwd, 'out/w'), packageName: '@acme/strategy-weighted' });
    for (const file of result.files) {
      expect(await readFile(join(result.dir, file), 'utf8'), file).not.toMatch(/example|template-/i);
    }
  });

  it('links a local core by the lockfile only: package.json keeps the registry range', async () => {
    const coreLink = { directory: join(cwd, 'checkout', 'packages', 'core'), version: '0.1.0' };
    const result = await scaffoldPlugin({ kind: 'check', name: 'redis', cwd, coreLink });
    const manifest = await readFile(join(result.dir, 'package.json'), 'utf8');
    expect(JSON.parse(manifest).devDependencies['@exaplug/core']).toMatch(/^\^\d/);
    expect(manifest).not.toContain(cwd);
    const lockfile = JSON.parse(await readFile(join(result.dir, 'package-lock.json'), 'utf8'));
    expect(lockfile.packages['node_modules/@exaplug/core']).toEqual({ resolved: '../checkout/packages/core', link: true });
  });

  it('writes no lockfile without a local core', async () => {
    const result = await scaffoldPlugin({ kind: 'check', name: 'redis', cwd });
    expect(result.files).not.toContain('package-lock.json');
  });

  it('refuses a folder that already exists and leaves it untouched', async () => {
    await mkdir(join(cwd, 'exaplug-check-redis'));
    await writeFile(join(cwd, 'exaplug-check-redis', 'keep.txt'), 'mine');
    const error = await scaffoldPlugin({ kind: 'check', name: 'redis', cwd }).catch((caught: unknown) => caught);
    expect(isExaplugError(error, 'EXAPLUG_SCAFFOLD')).toBe(true);
    expect((error as Error).message).toContain('already exists');
    expect(await readFile(join(cwd, 'exaplug-check-redis', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('writes nothing for an invalid name', async () => {
    await expect(scaffoldPlugin({ kind: 'check', name: 'Redis', cwd })).rejects.toThrow(/lowercase/);
    expect(await readTemplateFiles(cwd)).toEqual([]);
  });
});

describe('the templates', () => {
  it.each(['check', 'strategy'])('the %s template declares a core range this core satisfies', async (kind) => {
    const dir = join(await findTemplatesDir(), `${kind}-plugin`);
    const source = await readFile(join(dir, 'src', `${kind}.ts`), 'utf8');
    const declared = /coreVersion: '([^']+)'/.exec(source)?.[1] ?? '';
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(semver.satisfies(coreVersion, declared)).toBe(true);
    expect(manifest.peerDependencies['@exaplug/core']).toBe(declared);
  });
});
