import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSeed, resolveExaplugBin } from '../src/exaplug-bin.js';
import { openLab, type OracleLab } from '../src/live/lab.js';
import { formatStats, OracleStats } from '../src/report/oracle-stats.js';
import { formatFailure, runOracle } from '../src/run/run-oracle.js';

/** The CI budget: sequences start for this long (ORACLE_CI_SECONDS overrides); a violation then shrinks for at most a minute. */
const budgetMs = Number(process.env.ORACLE_CI_SECONDS ?? 230) * 1000;
const shrinkBudgetMs = 60_000;
/** Fewer steps than this means the lab, not exaplug, was slow: the run proved little. */
const minimumSteps = Math.round(budgetMs / 10_000);

let lab: OracleLab;

describe('the live oracle: what exaplug believes is what the route servers hold', () => {
  beforeAll(async () => {
    lab = await openLab('xo');
  }, 120_000);

  afterAll(async () => {
    await lab?.stop();
  }, 60_000);

  it(
    'finds no step after which a route server\'s table differs from the model beyond its bound',
    async () => {
      const stats = new OracleStats();
      const seed = chooseSeed(process.env.ORACLE_SEED);
      const say = (line: string) => process.stdout.write(`${line}\n`);
      say(`oracle: seed ${seed}, route servers ${lab.servers.map((server) => server.name).join(', ')}, ${budgetMs / 1000} s`);
      const failure = await runOracle({
        lab,
        exaplugBin: resolveExaplugBin(),
        stats,
        seed,
        path: process.env.ORACLE_PATH,
        replayPath: process.env.ORACLE_REPLAY_PATH,
        timeLimitMs: budgetMs,
        shrinkBudgetMs,
        log: say,
      });
      say(formatStats(stats));
      expect(failure && formatFailure(failure)).toBeUndefined();
      expect(stats.violations + stats.errors).toBe(0);
      expect(stats.steps).toBeGreaterThanOrEqual(minimumSteps);
    },
    budgetMs + shrinkBudgetMs + 150_000,
  );
});
