import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { discoverPlugins, pluginKindOf } from './discover-plugins.js';

it('recognises plugin package names', () => {
  expect(pluginKindOf('@exaplug/check-http')).toBe('check');
  expect(pluginKindOf('exaplug-check-redis')).toBe('check');
  expect(pluginKindOf('@acme/strategy-weighted')).toBe('strategy');
  expect(pluginKindOf('check-something')).toBeUndefined();
  expect(pluginKindOf('@exaplug/core')).toBeUndefined();
});

it('finds installed plugins with their versions', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-discover-'));
  try {
    for (const [name, version] of [
      ['@exaplug/check-http', '1.0.0'],
      ['exaplug-strategy-weighted', '0.2.0'],
      ['left-pad', '1.3.0'],
    ]) {
      await mkdir(join(dir, 'node_modules', name as string), { recursive: true });
      await writeFile(join(dir, 'node_modules', name as string, 'package.json'), JSON.stringify({ name, version }));
    }
    const found = await discoverPlugins([join(dir, 'sub')]);
    expect(found.map((p) => [p.kind, p.name, p.version])).toEqual(
      expect.arrayContaining([
        ['check', '@exaplug/check-http', '1.0.0'],
        ['strategy', 'exaplug-strategy-weighted', '0.2.0'],
      ]),
    );
    expect(found.some((p) => p.name === 'left-pad')).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('leaves out template workspaces, marked "exaplug": { "template": true }', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-discover-'));
  try {
    for (const [name, manifest] of [
      ['exaplug-check-example', { version: '0.1.0', exaplug: { template: true } }],
      ['exaplug-check-redis', { version: '0.1.0' }],
    ] as const) {
      await mkdir(join(dir, 'node_modules', name), { recursive: true });
      await writeFile(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, ...manifest }));
    }
    expect((await discoverPlugins([dir])).map((p) => p.name)).toEqual(['exaplug-check-redis']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
