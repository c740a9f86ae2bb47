import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logLevels } from '../logger.js';
import { isLogLevel, runFlagSpecs, runOptionsOf, runParseArgsOptions } from './run-flags.js';

const parsed = (args: string[]) => parseArgs({ args, options: runParseArgsOptions, strict: true, allowPositionals: false }).values;

describe("run's flags, described once", () => {
  it('turns the flags into the process options, leaving out what was not given', () => {
    expect(runOptionsOf({})).toEqual({});
    expect(runOptionsOf({ config: '/etc/exaplug/web.yaml', 'log-level': 'debug', pretty: false })).toEqual({ configPath: '/etc/exaplug/web.yaml', logLevel: 'debug', pretty: false });
  });

  it('reads the short flags the oclif command declares', () => {
    expect(parsed(['-c', 'a.yaml', '-l', 'warn', '--no-pretty'])).toEqual({ config: 'a.yaml', 'log-level': 'warn', 'no-pretty': true });
    expect(runParseArgsOptions.config.short).toBe(runFlagSpecs.config.char);
  });

  it("knows pino's levels and nothing else", () => {
    for (const level of logLevels) expect(isLogLevel(level)).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
  });
});
