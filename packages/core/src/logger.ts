/** pino's levels, the one list the config schema, the `--log-level` flag and the logger read. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** One of pino's levels. */
export type LogLevel = (typeof logLevels)[number];

/**
 * The logging surface the core and plugins use: a subset of pino's, so a pino logger
 * fits and tests can pass a recording one.
 */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything (for `plan` and unit tests). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
