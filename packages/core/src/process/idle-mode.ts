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
}

/** Makes the idle mode each time exaplug goes idle; none by default (announce nothing, touch nothing). */
export type CreateIdleMode = (context: IdleContext) => IdleMode | undefined;
