import type { ParseArgsConfig } from 'node:util';
import { logLevels, type LogLevel } from '../logger.js';

/**
 * `run`'s flags (and `--config`, which every command shares), described once: the oclif
 * commands derive their flags from this (log-level-flag.ts), and the path ExaBGP starts,
 * which skips oclif (run-directly.ts), derives its `parseArgs` options from it.
 */
export const runFlagSpecs = {
  config: { char: 'c', description: 'config file (default: search from the current directory)' },
  'log-level': { char: 'l', description: 'log level (overrides log.level in the config)', options: logLevels },
  pretty: { description: 'human-readable logs (default: when stderr is a terminal)' },
} as const;

/** `run`'s flags as parsed, by oclif or by `parseArgs`. */
export interface RunFlags {
  config?: string | undefined;
  'log-level'?: string | undefined;
  pretty?: boolean | undefined;
}

/** What `runExabgpProcess` takes from the flags. */
export interface RunFlagOptions {
  configPath?: string;
  logLevel?: LogLevel;
  pretty?: boolean;
}

/** `parseArgs`'s options for `run`'s flags: `--pretty` and `--no-pretty` as oclif's `allowNo` reads them. */
export const runParseArgsOptions = {
  config: { type: 'string', short: runFlagSpecs.config.char },
  'log-level': { type: 'string', short: runFlagSpecs['log-level'].char },
  pretty: { type: 'boolean' },
  'no-pretty': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Whether a level is one of pino's (oclif checks `options` itself; `parseArgs` does not). */
export function isLogLevel(level: string): level is LogLevel {
  return (logLevels as readonly string[]).includes(level);
}

/** The process options the flags ask for; a flag left out leaves its option out. */
export function runOptionsOf(flags: RunFlags): RunFlagOptions {
  const level = flags['log-level'];
  return {
    ...(flags.config !== undefined && { configPath: flags.config }),
    ...(level !== undefined && isLogLevel(level) && { logLevel: level }),
    ...(flags.pretty !== undefined && { pretty: flags.pretty }),
  };
}
