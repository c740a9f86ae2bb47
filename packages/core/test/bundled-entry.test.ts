// Issue 21 §3: `exaplug run` starts from one bundled file and its V8 code cache
// (scripts/bundle-run.mjs, bin/load-bundle.js), made by `npm run build`. The e2e tests that
// spawn bin/run.js (stdout containment, plugins by path, ExaBGP) run through it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { assertBuilt } from './e2e-support.js';

const loader = new URL('../bin/load-bundle.js', import.meta.url).href;
const run = promisify(execFile);

beforeAll(() => assertBuilt());

it('is built by the build, newer than dist, and V8 takes its code cache', async () => {
  // In a process of its own: the cache is only good for node without extra flags.
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import('${loader}'); const { script, exports } = m.loadBundle(); console.log(JSON.stringify({ fresh: m.bundleIsFresh(), rejected: script.cachedDataRejected, runDirectly: typeof exports.runDirectly }));`]);
  const loaded = JSON.parse(stdout) as { fresh: boolean; rejected: boolean; runDirectly: string };
  expect(loaded.fresh, 'the bundle is older than dist: `npm run build` makes both (tsc -b alone does not)').toBe(true);
  expect(loaded).toEqual({ fresh: true, rejected: false, runDirectly: 'function' });
});

it('answers as the unbundled entry does: validate of a config with a file check', async () => {
  const config = fileURLToPath(new URL('./fixtures/bundled-entry.yaml', import.meta.url));
  const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
  const { stdout } = await run(process.execPath, [bin, 'validate', '--config', config]);
  const { stdout: unbundled } = await run(process.execPath, ['--input-type=module', '-e', `const { runDirectly } = await import('${new URL('../dist/cli/run-directly.js', import.meta.url).href}'); await runDirectly(['validate', '--config', ${JSON.stringify(config)}]);`]);
  expect(stdout).toBe(unbundled);
  expect(stdout).toContain('web');
});
