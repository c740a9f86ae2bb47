import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runExaplug } from './e2e-support.js';

/** An installed check package whose definition asks for a core this is not (the brand is `defineCheck`'s). */
async function installCheck(dir: string, name: string, coreRange: string): Promise<void> {
  const folder = join(dir, 'node_modules', name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name, version: '1.2.3', type: 'module', main: 'index.js' }));
  await writeFile(
    join(folder, 'index.js'),
    `export const check = { [Symbol.for('exaplug.check')]: true, kind: 'check', name: 'x', coreVersion: '${coreRange}', create() {} };\n`,
  );
}

describe('exaplug plugins', () => {
  let dir: string;
  let config: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-plugins-'));
    config = join(dir, 'exaplug.yaml');
    await writeFile(config, 'services:\n  web:\n    ips: [2001:db8:30::1/128]\n    check: { use: exec, with: { argv: ["true"] } }\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('hides the checkout’s template workspaces and exits 0 when every plugin is usable', async () => {
    const result = await runExaplug('plugins', '--config', config);
    expect(result.stdout).toMatch(/check\s+http\s+@exaplug\/check-http/);
    expect(result.stdout).not.toMatch(/exaplug-(check|strategy)-example/);
    expect(result.code, result.stderr).toBe(0);
  }, 30_000);

  it('exits 1 and names the incompatible plugin and the core range it wants', async () => {
    await installCheck(dir, 'exaplug-check-future', '^9.0.0');
    const result = await runExaplug('plugins', '--config', config);
    expect(result.stdout).toMatch(/check\s+future\s+exaplug-check-future\s+1\.2\.3/);
    expect(result.stderr).toMatch(
      /exaplug-check-future \(\S+\) cannot be used: exaplug-check-future@1\.2\.3 supports @exaplug\/core \^9\.0\.0, but this is @exaplug\/core \d+\.\d+\.\d+ \(EXAPLUG_PLUGIN_INCOMPATIBLE\)/,
    );
    expect(result.code).toBe(1);
  }, 30_000);
});
