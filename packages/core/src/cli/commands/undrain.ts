import { Args, Command, Flags } from '@oclif/core';
import { askRunningExaplug, controlFlags } from '../control-command.js';

export default class Undrain extends Command {
  static override summary = 'End a drain: the services rise again through their checks (rise passes) before taking traffic';
  static override args = { service: Args.string({ description: 'the service to undrain (or --all)' }) };
  static override flags = { ...controlFlags, all: Flags.boolean({ description: 'every service' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Undrain);
    if (!flags.all && !args.service) this.error('name a service, or --all', { exit: 2 });
    try {
      const result = (await askRunningExaplug(flags, { command: 'undrain', services: flags.all ? 'all' : [args.service as string] })) as { services: string[] };
      this.log(`undrained: ${result.services.join(', ')}`);
    } catch (error) {
      this.logToStderr((error as Error).message);
      this.exit(1);
    }
  }
}
