import { Args, Command, Flags } from '@oclif/core';
import type { StatusReport } from '../../control/control-protocol.js';
import { controlFlags } from '../control-command.js';
import { formatStatus } from '../format-status.js';
import { runControlVerb } from '../run-control-verb.js';

export default class Recheck extends Command {
  static override summary = "Run a service's check now, in the running exaplug, and show the status after it";
  static override args = { service: Args.string({ description: 'the service (or --all)' }) };
  static override flags = { ...controlFlags, all: Flags.boolean({ description: 'every service' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Recheck);
    if (!flags.all && !args.service) this.error('name a service, or --all', { exit: 2 });
    const request = { command: 'recheck', services: flags.all ? 'all' : [args.service as string] } as const;
    const code = await runControlVerb(this, flags, request, (answer) => formatStatus(answer.result as StatusReport));
    if (code !== 0) this.exit(code);
  }
}
