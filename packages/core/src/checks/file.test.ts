import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { fileCheck } from './file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function status(options: Record<string, unknown>) {
  const check = await fileCheck.create(fileCheck.options.parse(options), { serviceName: 's', configDir: dir, logger: silentLogger });
  return (await check.run({ signal: new AbortController().signal })).status;
}

it('follows a file relative to the config directory', async () => {
  expect(await status({ path: 'up' })).toBe('failed');
  await writeFile(join(dir, 'up'), '');
  expect(await status({ path: 'up' })).toBe('healthy');
  expect(await status({ path: 'up', healthyWhen: 'missing' })).toBe('failed');
});

it('refuses a misspelt option instead of following the file the default way', () => {
  const result = fileCheck.options.safeParse({ path: 'up', healthyWhn: 'missing' });
  expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['healthyWhn'], path: [] }));
});
