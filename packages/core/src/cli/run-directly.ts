import { parseArgs } from 'node:util';
import type { LogLevel } from '../adapters/create-logger.js';
import { runExabgpProcess } from '../adapters/exabgp-process.js';

const logLevels: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * `exaplug run` without oclif: ExaBGP starts it, and until its first command ExaBGP's
 * routes wait. oclif's start (its own import and the discovery of every command, each
 * importing its modules) was about 300 ms of the 800 ms to the first command. Returns
 * false, having done nothing, when the arguments are anything but the run command's
 * plain flags: oclif then runs as always and words the error.
 */
export async function runDirectly(args: readonly string[]): Promise<false> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string', short: 'c' },
        'log-level': { type: 'string', short: 'l' },
        pretty: { type: 'boolean' },
        'no-pretty': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    return false;
  }
  const level = values['log-level'];
  if ((level !== undefined && !logLevels.includes(level)) || (values.pretty && values['no-pretty'])) return false;
  const pretty = values.pretty ? true : values['no-pretty'] ? false : undefined;
  const code = await runExabgpProcess({
    ...(values.config !== undefined && { configPath: values.config }),
    ...(level !== undefined && { logLevel: level as LogLevel }),
    ...(pretty !== undefined && { pretty }),
  });
  process.exit(code);
}
