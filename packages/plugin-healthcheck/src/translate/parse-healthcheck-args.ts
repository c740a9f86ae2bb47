import { ExaplugError } from '@exaplug/core/plugin';
import { defaultHealthcheckOptions, healthcheckFlags, type HealthcheckFlag, type HealthcheckOptions } from './healthcheck-flags.js';

/** argparse's mutually exclusive logging group. */
const exclusiveGroup = ['silent', 'syslog_facility', 'no_syslog'];

const longNames = healthcheckFlags.flatMap((flag) => flag.names.filter((name) => name.startsWith('--')).map((name) => [name, flag] as const));
const byName = new Map(healthcheckFlags.flatMap((flag) => flag.names.map((name) => [name, flag] as const)));

function fail(message: string): never {
  throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', message);
}

/** An exact long or short name, else a unique prefix of a long one (argparse's allow_abbrev). */
function findFlag(word: string): HealthcheckFlag | undefined {
  const exact = byName.get(word);
  if (exact || !word.startsWith('--')) return exact;
  const matches = longNames.filter(([name]) => name.startsWith(word));
  const flags = new Set(matches.map(([, flag]) => flag));
  if (flags.size > 1) fail(`ambiguous option: ${word} could match ${matches.map(([name]) => name).join(', ')}`);
  return matches[0]?.[1];
}

/** argparse takes `-5` as a value, `-x` as the next option. */
function looksLikeOption(word: string | undefined): boolean {
  return word !== undefined && word.startsWith('-') && word.length > 1 && !/^-\d+$|^-\d*\.\d+$/.test(word);
}

function convert(flag: HealthcheckFlag, value: string): string | number {
  const name = flag.names[0] as string;
  if (flag.type === 'int') {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) fail(`argument ${name}: invalid int value: '${value}'`);
    return Number.parseInt(value, 10);
  }
  if (flag.type === 'float') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) fail(`argument ${name}: invalid float value: '${value}'`);
    return number;
  }
  return value;
}

/** Splits `--opt=value` and `-cVALUE`/`-sa` into what argparse would see. */
function readOption(word: string): { flag: HealthcheckFlag; attached?: string; rest?: string } {
  const equals = word.startsWith('--') ? word.indexOf('=') : -1;
  const head = equals > 0 ? word.slice(0, equals) : word;
  const flag = findFlag(head);
  if (flag) return equals > 0 ? { flag, attached: word.slice(equals + 1) } : { flag };
  if (!word.startsWith('--') && word.length > 2) {
    const short = byName.get(word.slice(0, 2));
    if (short?.kind === 'flag') return { flag: short, rest: `-${word.slice(2)}` };
    if (short) return { flag: short, attached: word.slice(2) };
  }
  return fail(`unrecognized arguments: ${word}`);
}

/**
 * Parses a healthcheck command line as ExaBGP 4.2's argparse does: long options and their
 * aliases, unique prefixes (`--withdraw`), `--opt=value`, short options, repeated options
 * (the last wins, `--ip`/`--neighbor`/`--execute` accumulate), and the defaults.
 * `--config FILE` is not expanded here: see parseHealthcheckCommandLine.
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS with argparse's wording
 */
export function parseHealthcheckArgs(argv: readonly string[]): HealthcheckOptions {
  const options: Record<string, unknown> = { ...defaultHealthcheckOptions() };
  const given = new Set<string>();
  const words = [...argv];
  while (words.length > 0) {
    const word = words.shift() as string;
    if (!looksLikeOption(word) || word === '--') fail(`unrecognized arguments: ${[word, ...words].join(' ')}`);
    const { flag, attached, rest } = readOption(word);
    if (rest !== undefined) words.unshift(rest);
    given.add(flag.dest);
    const name = flag.names[0] as string;
    if (flag.kind === 'flag') {
      if (attached !== undefined) fail(`argument ${name}: ignored explicit argument '${attached}'`);
      options[flag.dest] = flag.stores ?? true;
      continue;
    }
    let value = attached;
    if (value === undefined && words.length > 0 && !looksLikeOption(words[0])) value = words.shift();
    if (value === undefined) {
      if (flag.kind !== 'optional') fail(`argument ${flag.names.join('/')}: expected one argument`);
      value = flag.constant as string;
    }
    const converted = convert(flag, value);
    if (flag.kind === 'append') options[flag.dest] = [...((options[flag.dest] as unknown[] | undefined) ?? []), converted];
    else options[flag.dest] = converted;
  }
  const clashing = exclusiveGroup.filter((dest) => given.has(dest));
  if (clashing.length > 1) fail(`arguments ${clashing.map((dest) => `--${dest.replace('_', '-')}`).join(' and ')} are mutually exclusive`);
  return { ...(options as Omit<HealthcheckOptions, 'given'>), given };
}

/**
 * A healthcheck config file as the arguments it stands for: each line that is neither empty
 * nor a `#` comment is a long option without its dashes, `name = value` or just `name`.
 */
export function configFileArgs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      const equals = `--${line}`.indexOf('=');
      const option = `--${line}`;
      return equals < 0 ? [option.trim()] : [option.slice(0, equals).trim(), option.slice(equals + 1).trim()];
    });
}

/**
 * The whole command line, `--config FILE` included: like the healthcheck, the file's lines
 * come first and the command line after them, so a flag given on both wins from the
 * command line and repeated ones (`ip`) add up.
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS
 */
export function parseHealthcheckCommandLine(argv: readonly string[], readConfigFile: (path: string) => string): HealthcheckOptions {
  const first = parseHealthcheckArgs(argv);
  if (first.config === undefined) return first;
  let text: string;
  try {
    text = readConfigFile(first.config);
  } catch (error) {
    throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', `argument --config/-F: can't open '${first.config}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseHealthcheckArgs([...configFileArgs(text), ...argv]);
}
