/**
 * `npm run bench:failover [-- --runs N] [--settings defaults|fast|watch|all] [--tools a,b]
 * [--refused-is-down on|off] [--json FILE]`: N failovers per tool (15 by default), the
 * tools interleaved run by run (A B C A B C …), each in its own lab running side by side:
 * nginx on w1 stopped at a random phase of the check interval → ::3 best on w3 on BIRD, FRR
 * and GoBGP, timed from the route servers' own logs. Tools: `exaplug` (exec check running
 * curl), `healthcheck` (exabgp-healthcheck --cmd with the same curl), `exaplug-watch`
 * (check-http with its watch), `exaplug-watch-fall` (the same with refusedIsDown off).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deleteNamespaces } from '@exaplug/test-support/netns';
import { describeBuild } from './describe-build.js';
import { describeTables, waitForConvergence } from './converge.js';
import { ensureBuilt } from './ensure-built.js';
import { formatSignificanceTable, formatStagesTable, formatTimesTable, type ToolSamples } from './failover-report.js';
import { watchGobgpAdjIn, type AdjInWatch } from './gobgp-adj-in.js';
import { createLabNames } from './lab-names.js';
import { measureFailover, type FailoverSample } from './measure-failover.js';
import { fastTiming, healthcheckDefaults, watchTiming, type CheckTiming, type ProcessSpec } from './process-spec.js';
import { repoDir, startLab, type Lab } from './start-lab.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    settings: { type: 'string', default: 'all' },
    tools: { type: 'string' },
    'refused-is-down': { type: 'string' },
    json: { type: 'string' },
  },
});
const runs = Number(values.runs);
const print = (text: string): void => void process.stdout.write(`${text}\n`);
const note = (text: string): void => void process.stderr.write(`${text}\n`);

const toolSpecs = {
  exaplug: (timing: CheckTiming): ProcessSpec => ({ kind: 'exaplug', timing, check: 'exec' }),
  healthcheck: (timing: CheckTiming): ProcessSpec => ({ kind: 'healthcheck', timing }),
  'exaplug-watch': (timing: CheckTiming): ProcessSpec => ({ kind: 'exaplug', timing, check: 'http-watch' }),
  'exaplug-watch-fall': (timing: CheckTiming): ProcessSpec => ({ kind: 'exaplug', timing: { ...timing, refusedIsDown: false }, check: 'http-watch' }),
};
type Tool = keyof typeof toolSpecs;
const isTool = (name: string): name is Tool => name in toolSpecs;

const refusedIsDown = values['refused-is-down'] === undefined ? undefined : values['refused-is-down'] === 'on';
// minDwell 0 for exaplug: each run's failover follows the previous run's failback closely,
// and the dwell would hold the down announcement (a flap damper, not a detection delay).
const allSettings: { key: string; timing: CheckTiming; tools: Tool[] }[] = [
  { key: 'defaults', timing: { ...healthcheckDefaults, minDwell: 0 }, tools: ['exaplug', 'healthcheck'] },
  { key: 'fast', timing: { ...fastTiming, minDwell: 0 }, tools: ['exaplug', 'healthcheck'] },
  { key: 'watch', timing: watchTiming, tools: ['exaplug', 'healthcheck', 'exaplug-watch'] },
];
const settings = allSettings.filter((setting) => values.settings === 'all' || values.settings === setting.key);
if (!settings.length || !(runs >= 1)) throw new Error('--settings must be defaults, fast, watch or all, and --runs a positive number');
const chosenTools = values.tools?.split(',');
for (const tool of chosenTools ?? []) if (!isTool(tool)) throw new Error(`unknown tool ${tool} (${Object.keys(toolSpecs).join(', ')})`);

/** A lab running one tool, with GoBGP's adj-in stream open. */
interface BenchLab {
  tool: Tool;
  lab: Lab;
  watch: AdjInWatch;
}

const running = new Set<Lab>();
/** Stops every lab; their run dirs (configs, logs) stay when `keep` names why. */
async function stopAll(keep?: string): Promise<void> {
  await Promise.all([...running].map(async (lab) => {
    await lab.stop();
    if (keep) note(`${keep}: logs kept in ${lab.runDir}`);
    else lab.removeRunDir();
    running.delete(lab);
  }));
}
// A lab still starting is not in `running` yet: its namespaces go by prefix.
const prefixes = new Set<string>();
const interrupt = async (): Promise<void> => {
  await stopAll();
  for (const prefix of prefixes) await deleteNamespaces(prefix);
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.once(signal, () => void interrupt().finally(() => process.exit(code)));

/** Starts a lab for one tool; a lab that does not converge is started again once (its logs kept). */
async function startBenchLab(tool: Tool, timing: CheckTiming, slot: number): Promise<BenchLab> {
  const names = createLabNames(`xpb${slot}-`);
  prefixes.add(names.prefix);
  for (let attempt = 1; ; attempt++) {
    const lab = await startLab({ process: toolSpecs[tool]({ ...timing, refusedIsDown }), names });
    running.add(lab);
    try {
      await waitForConvergence(lab, 60_000);
      return { tool, lab, watch: await watchGobgpAdjIn(lab.rs3Socket) };
    } catch (error) {
      const tables = await describeTables(lab);
      await lab.stop();
      running.delete(lab);
      note(`${tool}'s lab did not converge (attempt ${attempt}; ${tables}); logs kept in ${lab.runDir}`);
      if (attempt === 2) throw error;
    }
  }
}

function describeTiming(timing: CheckTiming, tools: readonly Tool[]): string {
  const t = timing;
  const refused = refusedIsDown === undefined ? "exaplug's default" : String(refusedIsDown);
  const watchers = tools.filter((tool) => tool.startsWith('exaplug-watch')).join(', ') || 'none';
  return `interval ${t.interval} ms, fastInterval ${t.fastInterval} ms, rise ${t.rise}, fall ${t.fall}, timeout ${t.timeout} ms; `
    + `exaplug: minDwell ${t.minDwell ?? 1000} ms, refusedIsDown ${refused}${tools.includes('exaplug-watch-fall') ? ' (false for exaplug-watch-fall)' : ''}; check-http watch on for: ${watchers}`;
}

/** Starts one lab per tool, then runs the failovers round by round, one per tool in turn. */
async function runSetting(timing: CheckTiming, tools: readonly Tool[]): Promise<ToolSamples[]> {
  const labs: BenchLab[] = [];
  try {
    for (const [slot, tool] of tools.entries()) labs.push(await startBenchLab(tool, timing, slot + 1));
    const samples = new Map<Tool, FailoverSample[]>(tools.map((tool) => [tool, []]));
    const settleMs = Math.max(1000, 2 * timing.fastInterval);
    for (let i = 0; i < runs; i++) {
      for (const { tool, lab, watch } of labs) {
        const sample = await measureFailover(lab, watch, timing.interval, settleMs);
        samples.get(tool)?.push(sample);
        const shown = (['rs1', 'rs2', 'rs3'] as const).map((rs) => `${rs} ${sample.best[rs].toFixed(1)}`).join(', ');
        note(`run ${i + 1}/${runs} ${tool}: ${shown} ms`);
      }
    }
    return tools.map((tool) => ({ tool, samples: samples.get(tool) ?? [] }));
  } catch (error) {
    await stopAll('failed');
    throw error;
  } finally {
    for (const { watch } of labs) watch.stop();
    await stopAll();
  }
}

async function main(): Promise<void> {
  await ensureBuilt(repoDir);
  const build = await describeBuild(repoDir);
  const report: { setting: string; timing: CheckTiming; results: ToolSamples[] }[] = [];
  print(`exaplug build: ${build}`);
  for (const setting of settings) {
    const tools = chosenTools?.filter(isTool) ?? setting.tools;
    const results = await runSetting(setting.timing, tools);
    report.push({ setting: setting.key, timing: setting.timing, results });
    print('');
    print(`## ${setting.key}: ${describeTiming(setting.timing, tools)}`);
    print(`${runs} failovers per tool, interleaved; ms from SIGTERM to nginx on w1 until ::3's best path is w3, from each server's own record`);
    print('');
    for (const line of formatTimesTable(results)) print(line);
    print('');
    for (const line of formatSignificanceTable(results, 'healthcheck')) print(line);
    print('');
    for (const line of formatStagesTable(results)) print(line);
  }
  const json = values.json ?? join(tmpdir(), `bench-failover-${Date.now()}.json`);
  writeFileSync(json, JSON.stringify({ build, runs, report }, null, 2));
  note(`samples written to ${json}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    note(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    void stopAll().finally(() => process.exit(1));
  },
);
