import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BirdHandle } from '@exaplug/test-support/bird';
import { startDualSession } from '@exaplug/test-support/dual-session';
import type { ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun, runExaplug } from './e2e-support.js';

// Issue 17 §3: exaplug trusted ExaBGP's `done`. Here a second API process withdraws one of
// exaplug's routes through ExaBGP's own API, behind exaplug's back: ExaBGP's adj-rib-out and
// BIRD lose it while exaplug's books still say announced. The read-back must see it, say
// so, and put the route back.

const v4 = '203.0.113.70/32';
const v6 = '2001:db8:30::70/128';

let dir: string;
let bird: BirdHandle;
let exabgp: ExabgpHandle;

const medIn = async (prefix: string) => (await bird.routes(prefix))[0]?.med;

describe('the read-back, under ExaBGP 4.2 and BIRD 2', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-readback-'));
    await writeFile(join(dir, 'up'), '');
    await writeFile(
      join(dir, 'exaplug.yaml'),
      `exabgp: { readBack: { interval: 1s, delay: 200ms } }
defaults: { interval: 300ms, fastInterval: 100ms, rise: 1, fall: 1, timeout: 1s }
stateDir: ${join(dir, 'state')}
control: { socket: ${join(dir, 'control.sock')} }
services:
  web:
    ips: [${v4}, ${v6}]
    check: { use: file, with: { path: up } }
    strategy: { use: fixed }
`,
    );
    // The intruder waits for its cue, then withdraws the IPv4 route through the same ExaBGP.
    const intruder = join(dir, 'intruder.sh');
    await writeFile(intruder, `#!/bin/sh\nwhile [ ! -e ${join(dir, 'go')} ]; do sleep 0.1; done\necho "neighbor 127.0.0.1 withdraw route ${v4} next-hop self"\nexec sleep 3600\n`, { mode: 0o755 });
    ({ bird, exabgp } = await startDualSession({ run: exaplugRun(join(dir, 'exaplug.yaml')), otherProcesses: [{ name: 'intruder', run: [intruder] }] }));
  }, 30_000);

  afterAll(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds a route withdrawn behind its back, says so, and puts it back', async () => {
    await waitFor(async () => (await medIn(v4)) === 100 && (await medIn(v6)) === 101, { timeoutMs: 15_000, what: 'both routes in BIRD' });
    await writeFile(join(dir, 'go'), '');
    await waitFor(async () => (await medIn(v4)) === undefined, { timeoutMs: 5000, intervalMs: 20, what: 'the intruder to withdraw the IPv4 route' });
    await waitFor(async () => (await medIn(v4)) === 100, { timeoutMs: 5000, what: 'the read-back to put the route back' });
    expect(exabgp.output()).toMatch(/ExaBGP does not hold what exaplug announced/);
    expect(exabgp.output()).toContain(`${v4} on 127.0.0.1: announced, not held`);
    const status = await runExaplug('status', '--config', join(dir, 'exaplug.yaml'));
    expect(status.stdout).toMatch(/read-back \d+s ago: ExaBGP holds what exaplug announced \([1-9]\d* since start\)/);
  }, 30_000);

  it('sends no route to a session of the other family', () => {
    expect(exabgp.output()).not.toMatch(/not configured on neighbor/);
  });
});
