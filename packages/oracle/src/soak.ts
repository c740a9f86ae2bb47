import { parseArgs } from 'node:util';
import { chooseSeed, resolveExaplugBin } from './exaplug-bin.js';
import { openLab } from './live/lab.js';
import { formatStats, OracleStats } from './report/oracle-stats.js';
import { formatFailure, runOracle } from './run/run-oracle.js';

/**
 * `npm run soak -- --minutes N [--seed S [--path P]] [--steps 10] [--shrink-seconds 180]`: generated sequences against the live
 * lab for N minutes (a new seed after each failure), then the table and
 * `soak: N sequences, M steps, V violations`. Exit 1 on any violation.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string' }, path: { type: 'string' }, 'replay-path': { type: 'string' }, 'shrink-seconds': { type: 'string', default: '180' }, steps: { type: 'string', default: '10' } },
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const replaying = (values.seed ?? process.env.ORACLE_SEED) !== undefined;
  const path = values.path ?? process.env.ORACLE_PATH;
  const replayPath = values['replay-path'] ?? process.env.ORACLE_REPLAY_PATH;
  const deadline = Date.now() + Number(values.minutes) * 60_000;
  const exaplugBin = resolveExaplugBin();
  const stats = new OracleStats();
  const lab = await openLab('xs');
  const stopLab = () => void lab.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopLab);
  say(`oracle: exaplug ${exaplugBin}; route servers ${lab.servers.map((server) => server.name).join(', ')}; ${values.minutes} min`);
  try {
    let seed = chooseSeed(values.seed ?? process.env.ORACLE_SEED);
    do {
      say(`seed ${seed}${path ? `, path ${path}` : ''}`);
      const failure = await runOracle({ lab, exaplugBin, stats, seed, path, replayPath, timeLimitMs: Math.max(1, deadline - Date.now()), maxSteps: Number(values.steps), shrinkBudgetMs: Number(values['shrink-seconds']) * 1000, log: say });
      if (failure) say(formatFailure(failure));
      seed = chooseSeed(undefined);
    } while (!replaying && Date.now() < deadline);
  } finally {
    process.off('SIGINT', stopLab);
    await lab.stop();
  }
  say(formatStats(stats));
  return stats.violations + stats.errors > 0 ? 1 : 0;
}

process.exitCode = await main();
