import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** deploy/prometheus, checked and unit-tested by promtool (Debian's `prometheus` package). */
const rulesDir = fileURLToPath(new URL('../../../deploy/prometheus/', import.meta.url));
const ruleFiles = readdirSync(rulesDir).filter((name) => name.endsWith('.rules.yml'));
const testFiles = readdirSync(`${rulesDir}tests`).filter((name) => name.endsWith('.yaml'));

/** Runs promtool in deploy/prometheus; a non-zero exit fails the test with promtool's own report. */
async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)('promtool', args, { cwd: rulesDir });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
  }
}

describe('the Prometheus rules in deploy/prometheus', () => {
  it('ships alerting and recording rule files, and a promtool test for them', () => {
    expect(ruleFiles).toEqual(['exaplug-alerts.rules.yml', 'exaplug-recording.rules.yml']);
    expect(testFiles.length).toBeGreaterThan(0);
  });

  it('passes promtool check rules', async () => {
    const report = await promtool('check', 'rules', ...ruleFiles);
    expect(report).not.toMatch(/FAILED/);
  });

  it.each(testFiles)('passes promtool test rules tests/%s', async (file) => {
    expect(await promtool('test', 'rules', `tests/${file}`)).toContain('SUCCESS');
  });
});
