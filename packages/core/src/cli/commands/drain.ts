import { Args, Command, Flags } from '@oclif/core';
import { controlFlags, describeAnswerer, type ControlAnswer } from '../control-command.js';
import { runControlVerb } from '../run-control-verb.js';

export default class Drain extends Command {
  static override summary = 'Move traffic off services gracefully (RFC 8326), before maintenance or a planned ExaBGP stop';
  static override description =
    'Re-announces the services with GRACEFUL_SHUTDOWN (65535:0) and their disabled metrics, then withdraws them after drain.withdrawAfter if set. A maintenance drain is kept on disk: it survives a restart until `exaplug undrain`, and a node that starts drained says so. With --stop the drain is for a planned stop: it lives only in the running exaplug, so the restarted node serves again. With --wait, returns once ExaBGP has acknowledged all of it: `drain --all --wait --stop` is the ExecStop of ExaBGP\'s unit, since ExaBGP closes its sessions before telling its processes about a SIGTERM. Without --config or --socket, a named service is drained in the exaplug that runs it, and --all in every exaplug of the host.';
  static override examples = ['exaplug drain web', 'exaplug drain --all --wait --stop', 'exaplug drain --all --wait --stop --config /etc/exaplug/web.yaml'];
  static override args = { service: Args.string({ description: 'the service to drain (or --all)' }) };
  static override flags = {
    ...controlFlags,
    all: Flags.boolean({ description: 'every service' }),
    wait: Flags.boolean({ description: 'return once the drain is complete and acknowledged' }),
    stop: Flags.boolean({ description: 'a drain for a planned stop: not kept across a restart' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Drain);
    if (!flags.all && !args.service) this.error('name a service, or --all', { exit: 2 });
    const request = { command: 'drain', services: flags.all ? 'all' : [args.service as string], wait: flags.wait, keep: !flags.stop } as const;
    const render = (answer: ControlAnswer) => `${describeAnswerer(answer)}:\ndrained: ${(answer.result as { services: string[] }).services.join(', ')}`;
    const code = await runControlVerb(this, flags, request, render, { timeoutMs: 10 * 60_000 });
    if (code !== 0) this.exit(code);
  }
}
