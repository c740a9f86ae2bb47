import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pickFreePort } from '@exaplug/test-support/tcp-servers';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt } from './e2e-support.js';
import { runUnderFakeExabgp, type ExaplugUnderFakeExabgp } from './fake-exabgp.js';

const deployDir = fileURLToPath(new URL('../../../deploy/', import.meta.url));
const ruleFiles = ['prometheus/exaplug-alerts.rules.yml', 'prometheus/exaplug-recording.rules.yml'];

const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression selects: identifiers that are not functions, keywords, labels or numbers. */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\$\{?\w+\}?/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, '');
  const names: string[] = [];
  for (const match of stripped.matchAll(/[A-Za-z_:][\w:]*/g)) {
    const before = stripped[match.index - 1] ?? ' ';
    const isFunction = stripped.slice(match.index + match[0].length).trimStart().startsWith('(');
    // `1e3`, `5m`, `0.99`: the tail of a number or duration, not a name.
    if (/[\d.]/.test(before) || isFunction || keywords.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

/** Every `expr` in the dashboard, and the metric of each `label_values(metric, label)` variable. */
function dashboardExpressions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) dashboardExpressions(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') found.push(value);
      else if (key === 'definition' && typeof value === 'string') found.push(value.replace(/^label_values\((.*),\s*\w+\)$/, '$1'));
      else dashboardExpressions(value, found);
    }
  }
  return found;
}

interface RuleFile {
  groups: { rules: { record?: string; alert?: string; expr: string }[] }[];
}

async function loadRules(): Promise<{ record?: string; alert?: string; expr: string }[]> {
  const files = await Promise.all(ruleFiles.map(async (file) => parse(await readFile(join(deployDir, file), 'utf8')) as RuleFile));
  return files.flatMap((file) => file.groups.flatMap((group) => group.rules));
}

/** The sample names a /metrics page can carry, from its `# TYPE` lines (a histogram's _bucket, _sum, _count). */
function exportedNames(metricsText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name = '', type] of metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}

describe('the metrics the deploy kit queries', () => {
  it('finds metric names in PromQL and nothing else', () => {
    expect(metricNamesIn('histogram_quantile(0.99, sum by (service, le) (rate(a_bucket{x="b c"}[5m])))')).toEqual(['a_bucket']);
    expect(metricNamesIn('x == 0 unless on (job) ns:y:count or up{job="$job"} offset 5m > 1e3')).toEqual(['x', 'ns:y:count', 'up']);
    expect(metricNamesIn('sum(rate(z[$__rate_interval])) without (a) / 2')).toEqual(['z']);
  });

  describe('against a live exaplug', () => {
    let dir: string;
    let exaplug: ExaplugUnderFakeExabgp;
    let exported: Set<string>;

    beforeAll(async () => {
      assertBuilt();
      dir = await mkdtemp(join(tmpdir(), 'exaplug-deploy-metrics-'));
      const port = await pickFreePort(['127.0.0.1']);
      const config = join(dir, 'web.yaml');
      await writeFile(
        config,
        `control: { socket: ${join(dir, 'web.sock')} }\nstateDir: ${join(dir, 'state')}\nmetrics: { listen: '127.0.0.1:${port}' }\n` +
          `defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1, minDwell: 0 }\n` +
          `services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { command: "true" } }\n`,
      );
      exaplug = runUnderFakeExabgp(config);
      await waitFor(() => exaplug.commands.some((line) => line.startsWith('announce route 192.0.2.1/32')), { timeoutMs: 15_000, what: 'the announcement' });
      exported = exportedNames(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    }, 30_000);
    afterAll(async () => {
      await exaplug?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('exports the families the rules and the dashboard are built on', () => {
      for (const name of ['exaplug_service_health_state', 'exaplug_route_med', 'exaplug_check_duration_seconds_bucket', 'exaplug_neighbor_up', 'exaplug_process_start_time_seconds']) {
        expect(exported).toContain(name);
      }
    });

    it('every rule expression names only exported metrics or recorded series', async () => {
      const rules = await loadRules();
      const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
      const unknown = rules.flatMap((rule) => metricNamesIn(rule.expr).filter((name) => !exported.has(name) && !recorded.has(name)).map((name) => `${rule.alert ?? rule.record}: ${name}`));
      expect(unknown).toEqual([]);
      expect(rules.length).toBeGreaterThan(10);
    });

    it('every dashboard query names only exported metrics or recorded series', async () => {
      const dashboard: unknown = JSON.parse(await readFile(join(deployDir, 'grafana/exaplug.json'), 'utf8'));
      const recorded = new Set((await loadRules()).flatMap((rule) => (rule.record ? [rule.record] : [])));
      const expressions = dashboardExpressions(dashboard);
      const names = new Set(expressions.flatMap(metricNamesIn));
      expect(expressions.length).toBeGreaterThan(20);
      expect([...names].filter((name) => !exported.has(name) && !recorded.has(name))).toEqual([]);
      // Per service and per node, as operators asked.
      for (const name of ['exaplug_service_health_state', 'exaplug_route_med', 'exaplug_check_duration_seconds_bucket', 'exaplug_health_transitions_total', 'exaplug_neighbor_up']) {
        expect(names).toContain(name);
      }
    });
  });
});
