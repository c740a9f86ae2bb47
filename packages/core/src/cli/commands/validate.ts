import { Command } from '@oclif/core';
import { validateConfig } from '../validate-config.js';
import { configFlag } from '../log-level-flag.js';

export default class Validate extends Command {
  static override summary = 'Check a config and its plugins without announcing anything';
  static override description = 'Exit code 0 when the config, every plugin and every plugin option are valid; 1 otherwise, with each problem as path: reason.';
  static override flags = { config: configFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Validate);
    const { ok, lines } = await validateConfig(flags.config);
    if (ok) {
      this.log(lines.join('\n'));
      return;
    }
    this.logToStderr(lines.join('\n'));
    this.exit(1);
  }
}
