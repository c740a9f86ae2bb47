import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../src/duration.js';
import { createRuntimeHarness, type Scripted } from '../src/testing/runtime-harness.js';
import { readFixture } from './fixtures.js';

/**
 * Scenario fixtures (rollup-style folders, here one YAML file each): a config, scripted
 * check results, and steps that feed ExaBGP lines, advance the clock and say exactly what
 * exaplug must have written since the last step.
 */
type Step =
  | { feed: string[] }
  | { replay: string }
  | { advance: string | number }
  | { expect: string[] }
  | { expectEvery: string }
  | { expectEveryMatching: string }
  | { expectLog: { none: string } };

interface Scenario {
  description: string;
  config: Record<string, unknown>;
  checks: Record<string, Scripted[]>;
  steps: Step[];
}

const folder = new URL('./scenarios/', import.meta.url);
const stepKinds = ['feed', 'replay', 'advance', 'expect', 'expectEvery', 'expectEveryMatching', 'expectLog'];
const files = readdirSync(folder).filter((file) => file.endsWith('.yaml'));

describe.each(files)('scenario %s', (file) => {
  const scenario = parse(readFileSync(new URL(file, folder), 'utf8')) as Scenario;

  it(scenario.description, async () => {
    const harness = await createRuntimeHarness(scenario.config, scenario.checks);
    harness.runtime.start();
    await harness.clock.advance(0);
    for (const [index, step] of scenario.steps.entries()) {
      const where = `${file} step ${index + 1}`;
      // A misspelt step (`expcet:`) would otherwise assert nothing at all.
      const unknown = Object.keys(step).filter((key) => !stepKinds.includes(key));
      expect(unknown, `${where}: unknown step keys`).toEqual([]);
      if ('feed' in step) harness.feed(...step.feed.map(String));
      if ('replay' in step) {
        const lines = readFixture(step.replay, 'latin1').split('\n');
        harness.feed(...lines);
      }
      if ('advance' in step) await harness.clock.advance(parseDuration(step.advance));
      if ('expect' in step) expect(harness.take(), where).toEqual(step.expect);
      if ('expectEvery' in step) {
        const written = harness.take();
        expect(written.length, where).toBeGreaterThan(0);
        expect(new Set(written), where).toEqual(new Set([step.expectEvery]));
      }
      if ('expectEveryMatching' in step) {
        const written = harness.take();
        expect(written.length, where).toBeGreaterThan(0);
        for (const line of written) expect(line, where).toMatch(new RegExp(step.expectEveryMatching));
      }
      if ('expectLog' in step) {
        expect(harness.logger.records.filter((record) => record.msg === step.expectLog.none), where).toEqual([]);
      }
    }
    await harness.runtime.stop({ withdraw: false });
  });
});
