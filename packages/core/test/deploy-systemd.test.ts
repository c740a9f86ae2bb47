import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const systemdDir = fileURLToPath(new URL('../../../deploy/systemd/', import.meta.url));
/** Debian's exabgp package ships the unit the drop-in is for; this host has it installed (scripts/apt-packages.txt). */
const packagedUnit = '/lib/systemd/system/exabgp.service';
/** Every program the shipped units run, as they name it. */
const programs = ['usr/sbin/exabgp', 'usr/bin/exaplug', 'usr/bin/kill', 'usr/bin/mkfifo'];

/**
 * A throwaway root for `systemd-analyze verify --root`: merged /usr like Debian 12, the host's
 * own system units (targets and slices the units reach), and a stub for each program the units
 * run, since verify refuses an ExecStart/ExecStop whose binary does not exist (no exaplug is
 * installed in /usr/bin here, and nothing is ever started).
 */
async function makeRoot(options: { missing?: string } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'exaplug-systemd-root-'));
  await mkdir(join(root, 'usr/bin'), { recursive: true });
  await mkdir(join(root, 'usr/sbin'), { recursive: true });
  await mkdir(join(root, 'etc/systemd/system'), { recursive: true });
  for (const link of ['bin', 'sbin', 'lib']) await symlink(`usr/${link}`, join(root, link));
  await cp('/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true, verbatimSymlinks: true });
  await rm(join(root, 'usr/lib/systemd/system/exabgp.service'), { force: true });
  for (const program of programs.filter((path) => path !== options.missing)) {
    await writeFile(join(root, program), '#!/bin/sh\nexit 0\n');
    await chmod(join(root, program), 0o755);
  }
  return root;
}

async function install(root: string, from: string, to: string): Promise<void> {
  await mkdir(dirname(join(root, to)), { recursive: true });
  await copyFile(from, join(root, to));
}

/** `systemd-analyze verify` inside the root; anything it prints is a finding (it exits 0 on unknown keys). */
function verify(root: string, unit: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('systemd-analyze', ['verify', `--root=${root}`, unit], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: (stdout + stderr).trim() });
    });
  });
}

describe('the systemd units in deploy/systemd', () => {
  const roots: string[] = [];
  const root = async (options?: { missing?: string }) => {
    roots.push(await makeRoot(options));
    return roots.at(-1) as string;
  };
  afterEach(async () => {
    for (const path of roots.splice(0)) await rm(path, { recursive: true, force: true });
  });

  it('exabgp.service passes systemd-analyze verify', async () => {
    const dir = await root();
    await install(dir, join(systemdDir, 'exabgp.service'), 'etc/systemd/system/exabgp.service');
    expect(await verify(dir, 'exabgp.service')).toEqual({ code: 0, output: '' });
  });

  it('the drop-in on Debian’s packaged exabgp.service passes systemd-analyze verify', async () => {
    expect(existsSync(packagedUnit), `${packagedUnit} (apt-get install exabgp)`).toBe(true);
    const dir = await root();
    await install(dir, packagedUnit, 'usr/lib/systemd/system/exabgp.service');
    await install(dir, join(systemdDir, 'exabgp.service.d/exaplug.conf'), 'etc/systemd/system/exabgp.service.d/exaplug.conf');
    expect(await verify(dir, 'exabgp.service')).toEqual({ code: 0, output: '' });
  });

  it('verify reads the stop drain: without /usr/bin/exaplug both fail', async () => {
    const unit = await root({ missing: 'usr/bin/exaplug' });
    await install(unit, join(systemdDir, 'exabgp.service'), 'etc/systemd/system/exabgp.service');
    const dropIn = await root({ missing: 'usr/bin/exaplug' });
    await install(dropIn, packagedUnit, 'usr/lib/systemd/system/exabgp.service');
    await install(dropIn, join(systemdDir, 'exabgp.service.d/exaplug.conf'), 'etc/systemd/system/exabgp.service.d/exaplug.conf');
    for (const dir of [unit, dropIn]) {
      const result = await verify(dir, 'exabgp.service');
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('/usr/bin/exaplug is not executable');
    }
  });

  it.each(['exabgp.service', 'exabgp.service.d/exaplug.conf'])('%s drains before stopping ExaBGP and bounds restarts', async (file) => {
    const text = await readFile(join(systemdDir, file), 'utf8');
    const stops = [...text.matchAll(/^ExecStop=(.*)$/gm)].map((match) => match[1]).filter(Boolean);
    expect(stops).toEqual(['/usr/bin/exaplug drain --all --wait --stop', '/bin/kill -TERM $MAINPID']);
    expect(text).toMatch(/^StartLimitIntervalSec=900$/m);
    expect(text).toMatch(/^StartLimitBurst=5$/m);
    expect(text).toMatch(/^RestartSec=30s$/m);
    expect(text).toMatch(/^TimeoutStopSec=90$/m);
  });
});
