import { Args, Command, Flags } from '@oclif/core';
import { askRunningExaplug, controlFlags } from '../control-command.js';

export default class Drain extends Command {
  static override summary = 'Move traffic off services gracefully (RFC 8326), before maintenance or a planned ExaBGP stop';
  static override description =
    'Re-announces the services with GRACEFUL_SHUTDOWN (65535:0) and their disabled metrics, then withdraws them after drain.withdrawAfter if set. The drain is kept on disk: it survives a restart until `exaplug undrain`. With --wait, returns once ExaBGP has acknowledged all of it: use it as the ExecStop of ExaBGP\'s unit, since ExaBGP closes its sessions before telling its processes about a SIGTERM.';
  static override examples = ['exaplug drain web', 'exaplug drain --all --wait --config /etc/exaplug/exaplug.yaml'];
  static override args = { service: Args.string({ description: 'the service to drain (or --all)' }) };
  static override flags = {
    ...controlFlags,
    all: Flags.boolean({ description: 'every service' }),
    wait: Flags.boolean({ description: 'return once the drain is complete and acknowledged' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Drain);
    if (!flags.all && !args.service) this.error('name a service, or --all', { exit: 2 });
    try {
      const result = (await askRunningExaplug(flags, { command: 'drain', services: flags.all ? 'all' : [args.service as string], wait: flags.wait }, 10 * 60_000)) as { services: string[] };
      this.log(`drained: ${result.services.join(', ')}`);
    } catch (error) {
      this.logToStderr((error as Error).message);
      this.exit(1);
    }
  }
}
