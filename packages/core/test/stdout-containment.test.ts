// Issue 18 §6: fd 1 is ExaBGP's command pipe. console.log and process.stdout.write from a
// plugin were already turned away; these three routes went around that guard and put
// `announce route 0.0.0.0/N …` in front of ExaBGP (past allowedPrefixes, acks shifted).
import { rm } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt } from './e2e-support.js';
import { startRun, writeFixture, type RunHandle } from './fault-support.js';

const fast = 'defaults: { interval: 100ms, fastInterval: 100ms, rise: 1, fall: 1, timeout: 1s }\n';

describe('nothing but the command writer reaches fd 1', () => {
  const dirs: string[] = [];
  const runs: RunHandle[] = [];
  beforeAll(() => assertBuilt());
  afterEach(async () => {
    // The shell, exaplug and cat form one process group (detached).
    for (const run of runs.splice(0)) process.kill(-(run.child.pid as number), 'SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function start(config: string, plugins: Record<string, string> = {}) {
    const fixture = await writeFixture(config, plugins);
    dirs.push(fixture.dir);
    const run = startRun(fixture.configPath, {}, { realPipe: true });
    runs.push(run);
    return run;
  }

  async function expectOnlyCommands(run: RunHandle, marker: string) {
    await waitFor(() => run.stderr().split(marker).length > 3, { timeoutMs: 10_000, what: `the stray writes (${marker}) to reach stderr` });
    expect(run.stdout.filter((line) => line.includes('0.0.0.0'))).toEqual([]);
    expect(run.stdout.slice(0, 3)).toEqual(['system version', 'show neighbor extensive', 'announce route 192.0.2.1/32 next-hop self med 100']);
  }

  it('a plugin writing fd 1 directly (fs.writeSync(1, …))', async () => {
    const run = await start(`${fast}services:\n  raw:\n    ips: [192.0.2.1/32]\n    check: { use: ./raw.mjs }\n`, {
      raw: `    return {
      async run() {
        const { writeSync } = await import('node:fs');
        writeSync(1, 'announce route 0.0.0.0/1 next-hop self med 1 raw-marker\\n');
        return healthy('ok');
      },
    };`,
    });
    await expectOnlyCommands(run, 'raw-marker');
  }, 20_000);

  it("a plugin's child started with stdio: 'inherit'", async () => {
    const run = await start(`${fast}services:\n  kid:\n    ips: [192.0.2.1/32]\n    check: { use: ./kid.mjs }\n`, {
      kid: `    return {
      async run() {
        const { spawnSync } = await import('node:child_process');
        spawnSync('/bin/sh', ['-c', 'echo announce route 0.0.0.0/2 next-hop self med 1 kid-marker'], { stdio: 'inherit' });
        return healthy('ok');
      },
    };`,
    });
    await expectOnlyCommands(run, 'kid-marker');
  }, 20_000);

  it("an exec check writing to its parent's fd 1 (/proc/$PPID/fd/1)", async () => {
    const run = await start(
      `${fast}services:\n  sneaky:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { command: 'echo announce route 0.0.0.0/3 next-hop self med 1 proc-marker > /proc/$PPID/fd/1' } }\n`,
    );
    await expectOnlyCommands(run, 'proc-marker');
  }, 20_000);
});
