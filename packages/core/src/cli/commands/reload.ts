import { Command } from '@oclif/core';
import { askRunningExaplug, controlFlags } from '../control-command.js';

export default class Reload extends Command {
  static override summary = 'Apply a changed config to the running exaplug without a restart';
  static override description =
    'The new config is validated first: a bad one is refused (exit 1, with its problems) and the running one stays. A good one is applied as a diff: unchanged services keep their state and routes, removed ones are withdrawn, new ones start, changed ones restart their checks without withdrawing first. Same as SIGHUP.';
  static override flags = controlFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(Reload);
    try {
      const result = (await askRunningExaplug(flags, { command: 'reload' })) as Record<string, string[] | boolean>;
      if ('started' in result) this.log('exaplug was idle: the config loads now');
      else for (const [what, names] of Object.entries(result)) if (Array.isArray(names) && names.length > 0) this.log(`${what}: ${names.join(', ')}`);
    } catch (error) {
      this.logToStderr((error as Error).message);
      this.exit(1);
    }
  }
}
