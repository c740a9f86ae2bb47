import type { Logger } from '../logger.js';
import type { LineSink } from '../runtime/line-sink.js';
import type { Clock } from '../scheduler/clock.js';

/** What an idle mode may use. The shell owns them and hands them over while idle. */
export interface IdleContext {
  /** ExaBGP's stdin: the only way to send it commands (`show adj-rib out`, withdraws). */
  sink: LineSink;
  logger: Logger;
  clock: Clock;
  /** Why exaplug is idle: a config that does not load, or a bad flag in the run line. */
  problem: 'config' | 'startup';
  /** What the load threw (a ConfigError carries the safety settings it could still read). */
  error?: unknown;
}

/**
 * Behaviour while exaplug is idle (the config does not load). The shell keeps reading
 * stdin and passes every line here; it never exits on its own while idle (ExaBGP gives
 * up after 5 respawns in 64 s). `stop` is awaited (bounded) before the runtime starts
 * after a reload, or before exit: resolve it once your commands are acknowledged, so
 * that late acks are not paired with the runtime's commands.
 */
export interface IdleMode {
  receiveLine(line: string): void;
  stop(): void | Promise<void>;
  /** What it does with the routes a previous exaplug left, for `exaplug status`. */
  describeRoutes?(): IdleRoutesReport;
}

/**
 * What idle mode does with the routes a previous exaplug left in ExaBGP
 * (`onInvalidConfig`): withdraws those inside allowedPrefixes once `after` has passed
 * (`inSeconds` 0: done or under way), keeps them, or touches nothing (`why`).
 */
export type IdleRoutesReport =
  | { action: 'withdraw'; afterSeconds: number; inSeconds: number }
  | { action: 'keep' }
  | { action: 'none'; why: string };

/** Why exaplug is idle and since when, for `exaplug status`. */
export interface IdleStatus {
  /** `config`: the config does not load; `startup`: a bad flag in exabgp.conf's run line. */
  problem: 'config' | 'startup';
  /** What is wrong, one `path: reason` line each. */
  reasons: string[];
  sinceSeconds: number;
  routes: IdleRoutesReport;
}

/** Makes the idle mode each time exaplug goes idle; none by default (announce nothing, touch nothing). */
export type CreateIdleMode = (context: IdleContext) => IdleMode | undefined;
