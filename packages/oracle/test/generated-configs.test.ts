import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveExaplugBin } from '../src/exaplug-bin.js';
import { startArbitrary } from '../src/generate/config-arbitrary.js';
import { editArbitrary } from '../src/generate/edit-arbitrary.js';
import { renderConfig, type RunPaths } from '../src/generate/render-config.js';
import { applyEdit } from '../src/model/apply-edit.js';

const run = promisify(execFile);
const addresses = { self: { ipv4: '10.99.0.2', ipv6: '2001:db8:99::2' }, alt: { ipv4: '10.99.0.9', ipv6: '2001:db8:99::9' } };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-oracle-configs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generated configs', () => {
  it('are all valid for exaplug, before and after reload edits (so a live failure is never the generator\'s)', async () => {
    const paths: RunPaths = { dir, checks: dir, stateDir: dir, socket: join(dir, 'control.sock') };
    const bin = resolveExaplugBin();
    const samples = fc.sample(fc.tuple(startArbitrary, fc.array(editArbitrary, { maxLength: 4 })), { numRuns: 25, seed: 17 });
    for (const [index, [start, edits]] of samples.entries()) {
      let config = start.config;
      for (const edit of edits) config = applyEdit(config, edit) ?? config;
      const file = join(dir, `config-${index}.yaml`);
      await writeFile(file, renderConfig(config, paths, addresses));
      const outcome = await run(process.execPath, [bin, 'validate', '--config', file]).then(
        () => 'valid',
        (error: { stderr?: string; stdout?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
      );
      expect(outcome, JSON.stringify(config)).toBe('valid');
    }
  }, 60_000);
});
