import { isDeepStrictEqual } from 'node:util';
import { awaitConvergence } from '../live/await-convergence.js';
import type { OracleLab } from '../live/lab.js';
import type { LiveSystem } from '../live/live-system.js';
import { convergenceBoundMs, type StepEffect } from '../model/convergence-bound.js';
import { expectedTable } from '../model/expected-table.js';
import type { ExpectedTable } from '../model/spec.js';
import type { OracleStats } from '../report/oracle-stats.js';
import type { OracleModel, StepContext } from '../steps/oracle-model.js';

/** How long a table must keep equalling the model to count as converged. */
export const stableMs = 500;

/** A route server's table did not equal the model within the step's bound. */
export class OracleViolation extends Error {
  override readonly name = 'OracleViolation';
}

/** The steps' view of one live sequence: acts through `live`, checks every route server after each step. */
export class SequenceContext implements StepContext {
  readonly live: LiveSystem;
  readonly lab: OracleLab;
  private readonly stats: OracleStats;
  /** The steps so far, with the names they resolved to. */
  readonly log: string[] = [];
  private previous: ExpectedTable = new Map();

  constructor(live: LiveSystem, lab: OracleLab, stats: OracleStats) {
    this.live = live;
    this.lab = lab;
    this.stats = stats;
  }

  async verify(model: Readonly<OracleModel>, step: string, effect: StepEffect): Promise<void> {
    this.log.push(step);
    const expected = expectedTable(model.config, model.world, this.live.addresses);
    const boundMs = convergenceBoundMs(model.config, model.world, effect);
    const result = await awaitConvergence(this.lab.servers, expected, { boundMs, stableMs });
    this.stats.recordStep(step, result.convergedAfterMs, !isDeepStrictEqual(expected, this.previous));
    this.previous = expected;
    if (result.converged) return;
    const servers = [...result.differences]
      .filter(([, differences]) => differences.length > 0)
      .map(([server, differences]) => `  ${server}:\n${differences.map((line) => `    ${line}`).join('\n')}`);
    const steps = this.log.map((line, index) => `  ${index + 1}. ${line}`).join('\n');
    throw new OracleViolation(
      `after "${step}", the route servers did not hold the model's table within ${boundMs} ms (+${stableMs} ms stable):\n${servers.join('\n')}\n` +
        `steps:\n${steps}\nconfig:\n${JSON.stringify(model.config)}\nworld: ${JSON.stringify(model.world)}\n` +
        `exabgp/exaplug output (tail):\n${this.live.outputTail(2500)}`,
    );
  }
}
