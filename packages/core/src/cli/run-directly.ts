import { parseArgs } from 'node:util';
import { isLogLevel, runFlagSpecs, runOptionsOf, runParseArgsOptions } from './run-flags.js';

/**
 * `exaplug run` and `exaplug validate` without oclif. ExaBGP starts `run`, and until its
 * first command ExaBGP's routes wait; `validate` runs in deploy pipelines. oclif's start
 * (its own import, its help plugin, and the discovery of every command, each importing
 * its modules) was about 300 ms of the 800 ms to `run`'s first command and half of
 * `validate`. Resolves false, having done nothing, for anything but these commands with
 * plain flags: oclif then runs as always and words any error.
 */
export async function runDirectly(argv: readonly string[]): Promise<false> {
  const [command, ...args] = argv;
  if (command === 'run') return runCommand(args);
  if (command === 'validate') return validateCommand(args);
  return false;
}

async function validateCommand(args: readonly string[]): Promise<false> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { config: { type: 'string', short: runFlagSpecs.config.char } }, strict: true, allowPositionals: false }));
  } catch {
    return false;
  }
  const { validateConfig } = await import('./validate-config.js');
  const { ok, lines } = await validateConfig(values.config);
  // As oclif's `this.log` and `logToStderr`: a person (or a pipeline) reads these.
  (ok ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`, () => process.exit(ok ? 0 : 1));
  return new Promise<false>(() => {});
}

async function runCommand(args: readonly string[]): Promise<false> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: runParseArgsOptions, strict: true, allowPositionals: false }));
  } catch {
    return false;
  }
  const level = values['log-level'];
  if ((level !== undefined && !isLogLevel(level)) || (values.pretty && values['no-pretty'])) return false;
  const pretty = values.pretty ? true : values['no-pretty'] ? false : undefined;
  const { runExabgpProcess } = await import('../adapters/exabgp-process.js');
  process.exit(await runExabgpProcess(runOptionsOf({ config: values.config, 'log-level': level, pretty })));
}
