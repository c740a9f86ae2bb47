/**
 * `npm run bench:failover [-- --runs N] [--settings defaults|fast|watch|all]`: N failovers (nginx on w1 stopped at a random
 * phase of the check interval → ::3 best on w3 on BIRD, FRR and GoBGP) per tool and setting,
 * on the same lab: exaplug (exec check running curl) and ExaBGP's exabgp-healthcheck --cmd "curl …".
 */
import { parseArgs } from 'node:util';
import { waitForConvergence } from './converge.js';
import { ensureBuilt } from './ensure-built.js';
import { watchGobgpAdjIn } from './gobgp-adj-in.js';
import { createLabNames } from './lab-names.js';
import { measureFailover, type FailoverSample } from './measure-failover.js';
import { fastTiming, healthcheckDefaults, watchTiming, type CheckTiming, type ProcessSpec } from './process-spec.js';
import { repoDir, startLab, type Lab } from './start-lab.js';
import { formatSummary, summarize } from './summarize.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, settings: { type: 'string', default: 'all' } },
});
const runs = Number(values.runs);
const print = (text: string): void => void process.stdout.write(`${text}\n`);
type Tool = 'exaplug' | 'healthcheck' | 'exaplug-watch';
// minDwell 0 for exaplug: each run's failover follows the previous run's failback closely,
// and the dwell would hold the down announcement (a flap damper, not a detection delay).
const allSettings: { key: string; name: string; timing: CheckTiming; tools: Tool[] }[] = [
  { key: 'defaults', name: 'defaults (5 s / 1 s / rise 3 / fall 3)', timing: { ...healthcheckDefaults, minDwell: 0 }, tools: ['exaplug', 'healthcheck'] },
  { key: 'fast', name: 'fast (1 s / 0.2 s / rise 2 / fall 2)', timing: { ...fastTiming, minDwell: 0 }, tools: ['exaplug', 'healthcheck'] },
  { key: 'watch', name: 'watch (1 s / 0.1 s / rise 2 / fall 2)', timing: watchTiming, tools: ['exaplug', 'healthcheck', 'exaplug-watch'] },
];
const settings = allSettings.filter((setting) => values.settings === 'all' || values.settings === setting.key);

/** exaplug polls with the same curl as the healthcheck; exaplug-watch is check-http with its watch. */
function processOf(tool: Tool, timing: CheckTiming): ProcessSpec {
  if (tool === 'exaplug-watch') return { kind: 'exaplug', timing, check: 'http-watch' };
  return { kind: tool, timing };
}

let current: Lab | undefined;
process.once('SIGINT', () => void current?.stop().finally(() => process.exit(130)));

async function benchOne(tool: Tool, timing: CheckTiming): Promise<FailoverSample[]> {
  current = await startLab({ process: processOf(tool, timing), names: createLabNames('xpb-') });
  try {
    await waitForConvergence(current, 60_000);
    const watch = await watchGobgpAdjIn(current.rs3Socket);
    const samples: FailoverSample[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const sample = await measureFailover(current, watch, timing.interval);
        const shown = (['rs1', 'rs2', 'rs3'] as const).map((rs) => `${rs} ${sample[rs].toFixed(0)} ms`).join(', ');
        process.stderr.write(`${tool} ${timing.interval} ms run ${i + 1}/${runs}: ${shown}\n`);
        samples.push(sample);
      }
    } finally {
      watch.stop();
    }
    return samples;
  } finally {
    await current.stop();
    current.removeRunDir();
    current = undefined;
  }
}

async function main(): Promise<void> {
  await ensureBuilt(repoDir);
  const rows: string[] = [];
  for (const setting of settings) {
    for (const tool of setting.tools) {
      const samples = await benchOne(tool, setting.timing);
      const cells = (['rs1', 'rs2', 'rs3'] as const).map((rs) => formatSummary(summarize(samples.map((s) => s[rs]))));
      rows.push(`| ${setting.name} | ${tool} | ${runs} | ${cells.join(' | ')} |`);
    }
  }
  print('| settings | tool | runs | rs1 (BIRD) median (min–max) | rs2 (FRR) median (min–max) | rs3 (GoBGP) median (min–max) |');
  print('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) print(row);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    void current?.stop().finally(() => process.exit(1));
  },
);
