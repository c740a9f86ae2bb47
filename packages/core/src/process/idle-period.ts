import type { Clock } from '../scheduler/clock.js';
import type { ExabgpProcessOptions } from './exabgp-process-options.js';
import type { IdleMode, IdleStatus } from './idle-mode.js';
import { settlesWithin } from './settles-within.js';

/** One stretch of idleness: why it began, when, and the idle mode that runs meanwhile. */
export class IdlePeriod {
  private readonly problem: IdleStatus['problem'];
  private readonly reasons: string[];
  private readonly sinceMs: number;
  private readonly mode: IdleMode | undefined;

  private constructor(problem: IdleStatus['problem'], reasons: string[], sinceMs: number, mode: IdleMode | undefined) {
    this.problem = problem;
    this.reasons = reasons;
    this.sinceMs = sinceMs;
    this.mode = mode;
  }

  /** Says so (fatal: nothing is announced until it is fixed) and starts the idle mode. */
  static begin(options: ExabgpProcessOptions, why: { problem: IdleStatus['problem']; advice: string; reasons: string[]; error?: unknown }): IdlePeriod {
    const { logger, sink, clock } = options;
    const { problem, error } = why;
    logger.fatal(`exaplug is idle: it announces nothing and keeps reading ExaBGP. ${why.advice}`);
    const mode = options.createIdleMode?.({ sink, logger, clock, problem, ...(error !== undefined && { error }) });
    return new IdlePeriod(problem, why.reasons, clock.now(), mode);
  }

  receiveLine(line: string): void {
    this.mode?.receiveLine(line);
  }

  /** Stops the idle mode; waits (at most `ms`) until its commands are acknowledged. */
  async end(clock: Clock, ms: number): Promise<void> {
    const mode = this.mode;
    await settlesWithin(clock, Promise.resolve().then(() => mode?.stop()), ms);
  }

  /** For `exaplug status`: why, for how long, and what the idle mode does with the old routes. */
  status(nowMs: number): IdleStatus {
    const none = this.problem === 'startup' ? 'no config was read' : 'no idle mode';
    return {
      problem: this.problem,
      reasons: this.reasons,
      sinceSeconds: Math.floor((nowMs - this.sinceMs) / 1000),
      routes: this.mode?.describeRoutes?.() ?? { action: 'none', why: `${none}: the routes a previous exaplug left stay as they are` },
    };
  }
}
