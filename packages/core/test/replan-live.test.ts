import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DualSession } from '@exaplug/test-support/dual-session';
import { startDualSession } from '@exaplug/test-support/dual-session';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

/*
 * Issue 20 §2, live: a check reports a value (read from a file the test writes), the
 * built-in `scaled` strategy follows it, and BIRD, peered with a real ExaBGP running the
 * built exaplug, sees the MEDs move with the value and the routes go past `withdrawAbove`.
 */

const ips = ['2001:db8:43::1/128', '2001:db8:43::2/128'];
// The check imports core's built plugin entry by absolute URL, as an installed plugin would by name.
const pluginEntry = new URL('../dist/plugin.js', import.meta.url).href;

let dir: string;
let session: DualSession;

async function medsInBird(): Promise<Array<number | undefined>> {
  return Promise.all(ips.map(async (prefix) => (await session.bird.routes(prefix))[0]?.med));
}

async function expectMeds(expected: Array<number | undefined>, what: string) {
  await waitFor(async () => JSON.stringify(await medsInBird()) === JSON.stringify(expected), {
    timeoutMs: 15_000,
    what: `${what}: BIRD to hold MEDs ${JSON.stringify(expected)} (has ${JSON.stringify(await medsInBird())})\n${session.exabgp.output().slice(-3000)}`,
  });
}

describe('a strategy following a value, under a real ExaBGP peered with a real BIRD', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-replan-'));
    await writeFile(join(dir, 'load'), '0.5');
    await writeFile(
      join(dir, 'value-check.mjs'),
      `import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCheck, z } from ${JSON.stringify(pluginEntry)};
export const check = defineCheck({
  name: 'value-file',
  coreVersion: '*',
  options: z.strictObject({ path: z.string() }),
  create: (options, context) => ({
    async run() {
      const load = Number(await readFile(join(context.configDir, options.path), 'utf8'));
      return { status: 'healthy', reason: 'load ' + load, values: { load } };
    },
  }),
});
`,
    );
    await writeFile(
      join(dir, 'exaplug.yaml'),
      `defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 2, timeout: 1s, minDwell: 300ms }
services:
  web:
    ips: [${ips.join(', ')}]
    check: { use: ./value-check.mjs, with: { path: load } }
    strategy: { use: scaled, with: { node: 0, nodes: 2, value: load, steps: [{ above: 1, add: 100 }, { above: 2, add: 300 }], withdrawAbove: 4 } }
`,
    );
    session = await startDualSession({ run: exaplugRun(join(dir, 'exaplug.yaml')) });
  }, 30_000);

  afterAll(async () => {
    await session?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('announces the rotated MEDs at a low value', async () => {
    await waitFor(() => session.bird.isEstablished('exa6'), { timeoutMs: 15_000, what: 'the IPv6 session' });
    await expectMeds([101, 100], 'load 0.5');
  }, 30_000);

  it('moves the MEDs with the value, step by step, and back', async () => {
    await writeFile(join(dir, 'load'), '1.5');
    await expectMeds([201, 200], 'load 1.5');
    await writeFile(join(dir, 'load'), '2.5');
    await expectMeds([401, 400], 'load 2.5');
    await writeFile(join(dir, 'load'), '0.2');
    await expectMeds([101, 100], 'load 0.2');
  }, 30_000);

  it('withdraws past withdrawAbove and announces again below it', async () => {
    await writeFile(join(dir, 'load'), '5');
    await expectMeds([undefined, undefined], 'load 5');
    await writeFile(join(dir, 'load'), '0.5');
    await expectMeds([101, 100], 'load 0.5 again');
    expect(await session.bird.routes(ips[0] as string)).toHaveLength(1);
  }, 30_000);
});
