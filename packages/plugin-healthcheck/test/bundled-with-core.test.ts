import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../core/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('the healthcheck commands, bundled with @exaplug/core', () => {
  it('are exaplug commands, loaded by oclif from this package (core’s oclif.plugins)', async () => {
    const config = await Config.load(core);
    const owners = Object.fromEntries(['healthcheck', 'migrate'].map((id) => [id, config.findCommand(id)?.pluginName]));
    expect(owners).toEqual({ healthcheck: '@exaplug/plugin-healthcheck', migrate: '@exaplug/plugin-healthcheck' });
  }, 30_000);

  it('are never imported by core’s code: the dependency runs one way, plugin → core', () => {
    const importing = sources(join(core, 'src')).filter((file) => readFileSync(file, 'utf8').includes('@exaplug/plugin-healthcheck'));
    expect(importing).toEqual([]);
  });
});
