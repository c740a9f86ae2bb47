import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugBin } from './e2e-support.js';

/** `exaplug run` as ExaBGP would start it, but with the test playing ExaBGP on its pipes. */
function startRun(configPath: string) {
  const child = spawn(process.execPath, [exaplugBin, 'run', '--config', configPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout.push(line);
    // Acknowledge like ExaBGP 4.2 does: output first, then `done`.
    if (line === 'system version') child.stdin.write('exabgp 4.2.21\ndone\n');
    else child.stdin.write('done\n');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout, stderr: () => stderr, exited };
}

const goodConfig = 'services:\n  web:\n    ips: [192.0.2.1/32, 192.0.2.2/32]\n    check: { use: exec, with: { command: "true" } }\n    rise: 1\n';

describe('exaplug run as a process', () => {
  let dir: string;
  let running: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => assertBuilt());
  afterEach(async () => {
    running?.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function withConfig(text: string) {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-run-'));
    await writeFile(join(dir, 'exaplug.yaml'), text);
    const run = startRun(join(dir, 'exaplug.yaml'));
    running = run.child;
    return run;
  }

  it('writes nothing but commands on stdout, and logs JSON on stderr', async () => {
    const run = await withConfig(goodConfig);
    await waitFor(() => run.stdout.length >= 4, { timeoutMs: 10_000, what: 'the announcements' });
    expect(run.stdout).toEqual([
      'system version',
      'show neighbor extensive',
      'announce route 192.0.2.1/32 next-hop self med 100',
      'announce route 192.0.2.2/32 next-hop self med 101',
    ]);
    const logs = run.stderr().trim().split('\n');
    expect(logs.every((line) => typeof JSON.parse(line).msg === 'string')).toBe(true);
  }, 20_000);

  it('withdraws its routes and exits 0 on SIGTERM', async () => {
    const run = await withConfig(goodConfig);
    await waitFor(() => run.stdout.length >= 4, { timeoutMs: 10_000, what: 'the announcements' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout.slice(4)).toEqual(['withdraw attributes next-hop self nlri 192.0.2.1/32 192.0.2.2/32']);
  }, 20_000);

  it('exits at once, writing nothing, when stdin closes', async () => {
    const run = await withConfig(goodConfig);
    await waitFor(() => run.stdout.length >= 4, { timeoutMs: 10_000, what: 'the announcements' });
    run.child.stdin.end();
    expect(await run.exited).toBe(0);
    expect(run.stdout).toHaveLength(4);
  }, 20_000);

  it('stays idle on a bad config and starts once it is fixed and SIGHUP arrives', async () => {
    const run = await withConfig('services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { comand: "true" } }\n');
    await waitFor(() => run.stderr().includes('exaplug is idle'), { timeoutMs: 10_000, what: 'the idle message' });
    expect(run.stderr()).toContain('services.web.check.with');
    expect(run.stdout).toEqual([]);
    await writeFile(join(dir, 'exaplug.yaml'), goodConfig);
    run.child.kill('SIGHUP');
    await waitFor(() => run.stdout.length >= 4, { timeoutMs: 10_000, what: 'the announcements after SIGHUP' });
    expect(run.stdout[2]).toBe('announce route 192.0.2.1/32 next-hop self med 100');
  }, 20_000);

  it('keeps reading stdin while checks run: a flood of ExaBGP lines is drained', async () => {
    const run = await withConfig(goodConfig.replace('"true"', '"sleep 0.2"'));
    const update =
      '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "update", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "direction": "receive", "message": { "update": { "attribute": { "origin": "igp", "as-path": [ 65002 ], "confederation-path": [], "med": 10 }, "announce": { "ipv4 unicast": { "127.0.0.1": [ { "nlri": "198.51.100.0/24" } ] } } } } } }\n';
    const chunk = update.repeat(1000);
    // 20,000 lines (~9 MB) through a 64 KiB pipe: every write completes only if exaplug reads
    // while its checks run (a reader that paused would leave this loop hanging to the timeout).
    for (let i = 0; i < 20; i++) {
      if (!run.child.stdin.write(chunk)) await new Promise((resolve) => run.child.stdin.once('drain', resolve));
    }
    await waitFor(() => run.stdout.length >= 4, { timeoutMs: 10_000, what: 'the announcements' });
    expect(run.stderr()).not.toContain('unreadable line');
  }, 30_000);

  it('stays idle, instead of exiting into a respawn loop, on a bad flag in the run line', async () => {
    const child = spawn(process.execPath, [exaplugBin, 'run', '--confg', 'exaplug.yaml'], { stdio: ['pipe', 'pipe', 'pipe'] });
    running = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor(() => stderr.includes('exaplug is idle'), { timeoutMs: 10_000, what: 'the idle message' });
    expect(stderr).toContain('Nonexistent flag: --confg');
    expect(child.exitCode).toBeNull();
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
  }, 20_000);
});
