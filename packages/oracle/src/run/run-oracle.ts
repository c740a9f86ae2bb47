import fc from 'fast-check';
import { startArbitrary } from '../generate/config-arbitrary.js';
import type { OracleLab } from '../live/lab.js';
import type { OracleStats } from '../report/oracle-stats.js';
import { stepsArbitrary } from '../steps/step-arbitrary.js';
import { runSequence } from './run-sequence.js';
import { OracleViolation } from './sequence-context.js';

export interface OracleRunOptions {
  lab: OracleLab;
  /** The `bin/run.js` ExaBGP runs. */
  exaplugBin: string;
  stats: OracleStats;
  /** No new sequence starts after this long (a running one finishes; a shrink goes on within its budget). */
  timeLimitMs: number;
  seed: number;
  /** With `seed`: replay this counterexample only (what a failure printed). */
  path?: string | undefined;
  /** With `path`: the steps that ran, as fast-check's commands recorded them (`replayPath` in the printed sequence). */
  replayPath?: string | undefined;
  maxSteps?: number;
  /**
   * Shrinking reruns whole sequences against the live system, a few seconds each: after
   * the first failure it gets this long, then every further candidate counts as passing
   * without running, which ends the shrink with the smallest failure found so far.
   */
  shrinkBudgetMs?: number;
  log: (line: string) => void;
}

export interface OracleFailure {
  /** A table that differed from the model, or any other failure (a process or session that never came up…). */
  kind: 'violation' | 'error';
  seed: number;
  path: string;
  replayPath: string | undefined;
  /** The shrunk start and steps, as fast-check prints them. */
  counterexample: string;
  error: string;
  shrinkCutShort: boolean;
}

/** Runs generated sequences until the time limit or the first violation (shrunk within its budget). */
export async function runOracle(options: OracleRunOptions): Promise<OracleFailure | undefined> {
  const { lab, exaplugBin, stats, log } = options;
  let shrinkDeadline: number | undefined;
  let shrinkCutShort = false;
  const deadline = Date.now() + options.timeLimitMs;
  const property = fc.asyncProperty(startArbitrary, stepsArbitrary(options.maxSteps ?? 8, options.replayPath), async (start, steps) => {
    // Not fast-check's interruptAfterTimeLimit: it abandons the running sequence, which then
    // races the lab's teardown. This interrupts between sequences only.
    if (shrinkDeadline === undefined && Date.now() > deadline) throw new fc.PreconditionFailure(true);
    if (shrinkDeadline !== undefined && Date.now() > shrinkDeadline) {
      shrinkCutShort = true;
      return true;
    }
    try {
      await runSequence(lab, exaplugBin, stats, start, steps);
    } catch (error) {
      if (shrinkDeadline === undefined) {
        shrinkDeadline = Date.now() + (options.shrinkBudgetMs ?? 120_000);
        const isViolation = error instanceof OracleViolation;
        if (isViolation) stats.violations++;
        else stats.errors++;
        log(`${isViolation ? 'violation' : 'failure (not a table mismatch)'} (seed ${options.seed}); shrinking for at most ${Math.round((options.shrinkBudgetMs ?? 120_000) / 1000)} s:\n${firstLines((error as Error).message, 12)}`);
      } else {
        log(`  shrinking: a smaller sequence still fails`);
      }
      throw error;
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    ...(options.path !== undefined && { path: options.path, endOnFailure: true }),
    numRuns: options.path !== undefined ? 1 : 1_000_000,
  });
  if (!details.failed || !details.counterexample) return undefined;
  const counterexample = fc.stringify(details.counterexample);
  return {
    kind: details.errorInstance instanceof OracleViolation ? 'violation' : 'error',
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    replayPath: /replayPath="([^"]*)"/.exec(counterexample)?.[1],
    counterexample,
    error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
    shrinkCutShort,
  };
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}

/** The lines a failure prints: how to replay it first, then what went wrong. */
export function formatFailure(failure: OracleFailure): string {
  const replay = failure.replayPath ? ` --replay-path "${failure.replayPath}"` : '';
  const replayEnv = failure.replayPath ? ` ORACLE_REPLAY_PATH="${failure.replayPath}"` : '';
  return [
    `oracle ${failure.kind === 'violation' ? 'violation' : 'failure (not a table mismatch)'}: seed ${failure.seed}, path "${failure.path}"${failure.shrinkCutShort ? ' (shrinking cut short by its time budget)' : ''}`,
    `replay: npm run soak -- --seed ${failure.seed} --path "${failure.path}"${replay}   (or ORACLE_SEED=${failure.seed} ORACLE_PATH="${failure.path}"${replayEnv})`,
    `shrunk sequence: ${failure.counterexample}`,
    failure.error,
  ].join('\n');
}
