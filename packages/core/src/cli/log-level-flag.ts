import { Flags } from '@oclif/core';
import { runFlagSpecs } from './run-flags.js';

/** `--config`, as every command takes it. */
export const configFlag = Flags.string(runFlagSpecs.config);

/** `--log-level`, one of pino's levels. */
export const logLevelFlag = Flags.string({ ...runFlagSpecs['log-level'], options: [...runFlagSpecs['log-level'].options] });

/** `--pretty` / `--no-pretty`. */
export const prettyFlag = Flags.boolean({ ...runFlagSpecs.pretty, allowNo: true });
