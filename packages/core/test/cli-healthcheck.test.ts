import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exaplugBin, runExaplug } from './e2e-support.js';

const exaplug = runExaplug;

/** Runs `exaplug healthcheck` with ExaBGP's stdin open until `done` says so (or 15 s), then stops it. */
async function briefly(args: string[], done: (stdout: string, stderr: string) => boolean) {
  const child = spawn(process.execPath, [exaplugBin, 'healthcheck', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const line of chunk.toString().trim().split('\n')) child.stdin.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!done(stdout, stderr) && Date.now() < deadline) await sleep(100);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  return { stdout, stderr };
}

describe('exaplug healthcheck, migrate and plan for the new strategies', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-hc-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('migrate prints an exaplug.yaml that plan accepts, with the healthcheck MEDs', async () => {
    const migrated = await exaplug('migrate', '--cmd', 'curl -sf http://[::1]/', '--ip', '2001:db8:30::1', '--ip', '2001:db8:30::2', '--ip', '2001:db8:30::3', '--start-ip', '0');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('use: http');
    const config = join(dir, 'migrated.yaml');
    await writeFile(config, migrated.stdout);
    const plan = await exaplug('plan', '--config', config);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('up        announce route 2001:db8:30::1/128 next-hop self med 100');
    expect(plan.stdout).toContain('down      announce route 2001:db8:30::3/128 next-hop self med 1002');
  }, 30_000);

  it('migrate refuses an unknown flag with argparse’s words and exit 1', async () => {
    const result = await exaplug('migrate', '--ip', '192.0.2.1', '--frobnicate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unrecognized arguments: --frobnicate');
  }, 20_000);

  it('plan shows every member’s MED, the best node and its backup, and the degraded tier', async () => {
    const config = join(dir, 'rendezvous.yaml');
    await writeFile(
      config,
      'services:\n  web:\n    ips: [2001:db8:30::1, 2001:db8:30::2]\n    check: { use: exec, with: { command: "true" } }\n' +
        '    strategy: { use: rendezvous, with: { members: [w1, w2, w3], self: w2, metrics: { degraded: 300 } } }\n',
    );
    const result = await exaplug('plan', '--config', config);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('service web: strategy rendezvous, this is w2 of 3');
    expect(result.stdout).toMatch(/route\s+w1\s+w2\s+w3\s+best\s+backup/);
    expect(result.stdout).toMatch(/2001:db8:30::1\/128\s+100\s+101\s+102\s+w1\s+w2/);
    expect(result.stdout).toMatch(/degraded:\n.*\n.*\n2001:db8:30::1\/128\s+300\s+301\s+302\s+w1\s+w2/);
    expect(result.stdout).toContain('degraded  announce route 2001:db8:30::2/128 next-hop self med 300');
  }, 20_000);

  it('healthcheck warns on stderr about flags it does not honour and writes only commands on stdout', async () => {
    // --no-ip-setup: a test never puts addresses on the host's lo.
    const { stdout, stderr } = await briefly(['--ip', '192.0.2.1', '--cmd', 'true', '--rise', '1', '--dynamic-ip-setup', '--no-ip-setup'], (out) =>
      out.includes('announce route'),
    );
    expect(stderr).toContain('exaplug healthcheck: warning: --dynamic-ip-setup: not supported');
    expect(stderr).not.toContain('service address added');
    expect(stdout).toContain('announce route 192.0.2.1/32 next-hop self med 100');
    for (const line of stdout.trim().split('\n')) expect(line).toMatch(/^(system version|show neighbor extensive|announce route|withdraw route)/);
  }, 20_000);

  it('healthcheck with a bad flag stays idle instead of exiting, so ExaBGP does not respawn it', async () => {
    const { stdout, stderr } = await briefly(['--ip', '192.0.2.1', '--rise', 'three'], (_, err) => err.includes('exaplug is idle'));
    expect(stdout).toBe('');
    expect(stderr).toContain("argument --rise: invalid int value: 'three'");
    expect(stderr).toContain('exaplug is idle');
  }, 20_000);
});
