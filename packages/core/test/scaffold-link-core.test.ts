import { execFile } from 'node:child_process';
import { lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exaplugBin } from './e2e-support.js';

const execFileAsync = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function run(file: string, args: string[], cwd: string): Promise<{ code: number; output: string; stdout: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd, timeout: 150_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return { code: 0, output: stdout + stderr, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, output: `${failure.stdout}${failure.stderr}`, stdout: failure.stdout };
  }
}

/**
 * A plugin scaffolded by this core must install and test against this core, which no
 * registry may have (unpublished, or a newer checkout): no publish step here.
 */
describe('a scaffolded plugin against the core that scaffolded it', () => {
  let cwd: string;
  beforeAll(async () => {
    assertBuilt();
    cwd = await mkdtemp(join(tmpdir(), 'exaplug-link-core-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('cannot install @exaplug/core from the registry cache when it is not linked (the reported failure)', async () => {
    expect((await run(process.execPath, [exaplugBin, 'new', 'check', 'unlinked', '--no-link-core'], cwd)).code).toBe(0);
    const install = await run(npm, ['install', '--offline', '--no-audit', '--no-fund'], join(cwd, 'exaplug-check-unlinked'));
    expect(install.code).not.toBe(0);
    expect(install.output).toMatch(/@exaplug(%2f|\/)core/);
  }, 60_000);

  it('installs with this core linked by the lockfile, passes its own tests, and packs no path', async () => {
    const created = await run(process.execPath, [exaplugBin, 'new', 'check', 'linked', '--link-core'], cwd);
    expect(created.output).toMatch(/Its tests use @exaplug\/core from \S*packages[\\/]core, linked by package-lock.json/);
    const dir = join(cwd, 'exaplug-check-linked');
    const install = await run(npm, ['install', '--offline', '--no-audit', '--no-fund'], dir);
    expect(install.output, install.output).toMatch(/added \d+ packages/);
    expect((await lstat(join(dir, 'node_modules', '@exaplug', 'core'))).isSymbolicLink()).toBe(true);
    const test = await run(npm, ['test'], dir);
    expect(test.code, test.output).toBe(0);
    expect(test.output).toMatch(/Tests\s+.*\d+ passed/);
    const pack = await run(npm, ['pack', '--json'], dir);
    expect(pack.code, pack.output).toBe(0);
    const [tarball] = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    expect(tarball?.files.map((file) => file.path)).not.toContain('package-lock.json');
    const packed = await run('tar', ['-xzOf', join(dir, tarball?.filename ?? ''), 'package/package.json'], dir);
    const manifest = JSON.parse(packed.stdout) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies['@exaplug/core']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(packed.output).not.toMatch(/file:|\/work\/|\/tmp\/|\/home\//);
    expect(packed.output).not.toContain(cwd);
  }, 180_000);
});
