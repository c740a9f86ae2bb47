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
