import type { ControlRequest } from '../control/control-protocol.js';
import { isExaplugError } from '../errors.js';
import { askRunningExaplugs, type ControlAnswer } from './control-command.js';
import type { ControlTargetFlags } from './control-target.js';

/** Where a verb prints: oclif's Command (`this`). */
export interface VerbOutput {
  log(text: string): void;
  logToStderr(text: string): void;
}

/**
 * A control verb from request to exit code: asks (see askRunningExaplugs), prints each
 * answer as `render` words it (saying which exaplug gave it), or the results as JSON (one
 * object for one socket, an array for a directory), and every failure on stderr. Exit 1
 * when anything failed or nobody answered.
 */
export async function runControlVerb(
  io: VerbOutput,
  flags: ControlTargetFlags,
  request: ControlRequest,
  render: (answer: ControlAnswer) => string,
  options: { timeoutMs?: number; json?: boolean } = {},
): Promise<number> {
  let outcome;
  try {
    outcome = await askRunningExaplugs(flags, request, options.timeoutMs);
  } catch (error) {
    io.logToStderr(isExaplugError(error) ? `${error.message} (${error.code})` : (error as Error).message);
    return 1;
  }
  const { answers } = outcome;
  if (answers.length > 0 && options.json) {
    const results = answers.map((answer) => answer.result);
    io.log(JSON.stringify(outcome.single ? results[0] : results, null, 2));
  } else if (answers.length > 0) {
    io.log(answers.map(render).join('\n\n'));
  }
  for (const line of outcome.skipped) io.logToStderr(`skipped: ${line}`);
  for (const line of outcome.failures) io.logToStderr(line);
  return outcome.failures.length > 0 || answers.length === 0 ? 1 : 0;
}
