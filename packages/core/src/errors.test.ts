import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { errorCodes, ExaplugError, isExaplugError } from './errors.js';

const documented = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

it('documents every error code in docs/errors.md, and nothing else', () => {
  const inDocs = [...documented.matchAll(/^\| `(EXAPLUG_[A-Z_]+)` \|/gm)].map((match) => match[1]);
  expect(inDocs.sort()).toEqual(Object.keys(errorCodes).sort());
});

it('keeps the code and the cause', () => {
  const cause = new Error('ENOENT');
  const error = new ExaplugError('EXAPLUG_PLUGIN_LOAD', 'x: import failed', { cause });
  expect(isExaplugError(error, 'EXAPLUG_PLUGIN_LOAD')).toBe(true);
  expect(isExaplugError(error, 'EXAPLUG_CONFIG_INVALID')).toBe(false);
  expect(error.cause).toBe(cause);
});

it('lists only codes that the code really raises or logs', async () => {
  const { readdirSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const root = new URL('../../../', import.meta.url).pathname;
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist' || name === 'test' || name === 'bench') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !path.endsWith(join('core', 'src', 'errors.ts'))) sources.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'packages'));
  const used = sources.join('\n');
  const unused = Object.keys(errorCodes).filter((code) => !used.includes(`'${code}'`));
  expect(unused).toEqual([]);
});
