import { Flags } from '@oclif/core';
import { logLevels } from '../logger.js';

export const configFlag = Flags.string({ char: 'c', description: 'config file (default: search from the current directory)' });

export const logLevelFlag = Flags.string({
  char: 'l',
  description: 'log level (overrides log.level in the config)',
  options: [...logLevels],
});
