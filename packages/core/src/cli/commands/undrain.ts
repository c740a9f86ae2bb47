import { Args, Command, Flags } from '@oclif/core';
import { controlFlags, describeAnswerer } from '../control-command.js';
import { runControlVerb } from '../run-control-verb.js';

export default class Undrain extends Command {
  static override summary = 'End a drain: the services rise again through their checks (rise passes) before taking traffic';
  static override args = { service: Args.string({ description: 'the service to undrain (or --all)' }) };
  static override flags = { ...controlFlags, all: Flags.boolean({ description: 'every service' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Undrain);
    if (!flags.all && !args.service) this.error('name a service, or --all', { exit: 2 });
    const request = { command: 'undrain', services: flags.all ? 'all' : [args.service as string] } as const;
    const code = await runControlVerb(this, flags, request, (answer) => `${describeAnswerer(answer)}:\nundrained: ${(answer.result as { services: string[] }).services.join(', ')}`);
    if (code !== 0) this.exit(code);
  }
}
