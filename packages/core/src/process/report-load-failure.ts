import { ConfigError, describeProblem } from '../config/config-error.js';
import { isExaplugError } from '../errors.js';
import type { ShellLogger } from './exabgp-process-options.js';

/** Logs why the config did not load: one fatal line per problem, at its place in the file. */
export function reportLoadFailure(logger: ShellLogger, error: unknown): void {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) {
      const cause = problem.cause !== undefined ? { err: problem.cause } : {};
      logger.fatal({ code: problem.code, path: problem.path, file: error.filepath, ...cause }, describeProblem(problem));
    }
  } else {
    logger.fatal({ err: error, code: isExaplugError(error) ? error.code : undefined }, 'cannot start');
  }
}

/** Why a load failed, as the lines `exaplug status` shows: `path: reason` for a config's problems. */
export function reasonsOf(error: unknown): string[] {
  if (error instanceof ConfigError) return error.issues;
  if (isExaplugError(error)) return [`${error.message} (${error.code})`];
  return [error instanceof Error ? error.message : String(error)];
}
