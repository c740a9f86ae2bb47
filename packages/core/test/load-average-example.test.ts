import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheck, loadStrategy } from '../src/loading/load-plugin.js';
import type { CheckResult } from '../src/plugins/check-result.js';
import { createCheckContext } from '../src/plugins/create-check-context.js';
import type { StrategyInstance } from '../src/plugins/define-strategy.js';
import { createRuntimeHarness } from '../src/testing/runtime-harness.js';

/*
 * Issue 20 §2: the load-average example of docs/writing-a-strategy.md, taken from the page
 * itself (the ```ts blocks whose first line names the file), loaded with the plugin loader
 * and run through the runtime. The page cannot drift from what works.
 */

const page = readFileSync(new URL('../../../docs/writing-a-strategy.md', import.meta.url), 'utf8');
// Written to a temporary directory, the blocks import core's plugin entry by absolute path, as an installed plugin would by name.
const pluginEntry = new URL('../src/plugin.ts', import.meta.url).href;

function blockOf(file: string): string {
  const block = new RegExp('```ts\\n(// ' + file.replace('.', '\\.') + '\\n[\\s\\S]*?)```').exec(page)?.[1];
  if (block === undefined) throw new Error(`docs/writing-a-strategy.md has no \`\`\`ts block starting with "// ${file}"`);
  return block.replaceAll("'@exaplug/core/plugin'", JSON.stringify(pluginEntry));
}

let dir: string;
let strategy: StrategyInstance;
const ip = '2001:db8:42::1/128';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-load-average-'));
  await writeFile(join(dir, 'load-average-check.ts'), blockOf('load-average-check.ts'));
  await writeFile(join(dir, 'load-average-strategy.ts'), blockOf('load-average-strategy.ts'));
  const { definition } = await loadStrategy('./load-average-strategy.ts', dir);
  strategy = definition.create(definition.options.parse({}), { serviceName: 'web' });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the load-average example of writing-a-strategy.md', () => {
  it('has a check that reports the load average as the value `load`', async () => {
    const { definition } = await loadCheck('./load-average-check.ts', dir);
    const instance = await definition.create(definition.options.parse({}), createCheckContext());
    const result = await instance.run({ signal: new AbortController().signal });
    expect(result.status).toBe('healthy');
    expect(result.values?.load).toBeGreaterThanOrEqual(0);
    expect(result.reason).toMatch(/^load \d+\.\d\d$/);
  });

  it('has a strategy that maps the load to a MED in steps and withdraws above the threshold', () => {
    const plan = (state: 'up' | 'down', values?: Record<string, number>) =>
      strategy.plan({ serviceName: 'web', prefixes: [ip], state, ...(values && { values }) }).map((intent) => intent.med ?? intent.action);
    expect(plan('up')).toEqual([100]);
    expect(plan('up', { load: 0.3 })).toEqual([100]);
    expect(plan('up', { load: 1.2 })).toEqual([200]);
    expect(plan('up', { load: 9 })).toEqual(['withdraw']);
    expect(plan('down', { load: 9 })).toEqual([1000]);
  });

  it('moves the MED with the load in a running exaplug, and writes nothing for a change within a step', async () => {
    const harness = await createRuntimeHarness(
      {
        exabgp: { acks: 'on', dialect: 'neighbor' },
        defaults: { interval: '1s', rise: 1, fall: 1, timeout: '1s', minDwell: '1s' },
        services: { web: { ips: [ip], check: { use: 'exec', with: { command: 'true' } } } },
      },
      { web: [] },
    );
    const service = harness.services[0];
    if (!service) throw new Error('no service');
    const loads = [0.3, 1.2, 1.4, 9];
    service.strategy = strategy;
    service.check.run = async (): Promise<CheckResult> => ({ status: 'healthy', values: { load: loads.shift() ?? 0 } });
    harness.runtime.start();
    harness.take();
    harness.feed('exabgp 4.2.21', 'done');
    harness.take();
    harness.feed('Peer            AS        up/down state       |     #sent     #recvd', 'done');
    const written: string[][] = [];
    for (let round = 0; round < 4; round++) {
      await harness.clock.advance(round === 0 ? 0 : 1000);
      const lines = harness.take();
      harness.feed(...lines.map(() => 'done'));
      written.push(lines);
    }
    expect(written).toEqual([
      [`announce route ${ip} next-hop self med 100`],
      [`announce route ${ip} next-hop self med 200`],
      [],
      [`withdraw route ${ip} next-hop self`],
    ]);
  });
});
