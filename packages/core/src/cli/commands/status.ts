import { Command, Flags } from '@oclif/core';
import type { StatusReport } from '../../control/control-protocol.js';
import { controlFlags } from '../control-command.js';
import { formatStatus } from '../format-status.js';
import { runControlVerb } from '../run-control-verb.js';

export default class Status extends Command {
  static override summary = 'Show what the running exaplug knows: services, health, routes as written, neighbors; while idle, why';
  static override description =
    'Without --config or --socket, asks every exaplug of the host (each socket in /run/exaplug); --json then prints an array. With --config, only the exaplug that runs that file.';
  static override flags = { ...controlFlags, json: Flags.boolean({ description: 'print the report as JSON' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const code = await runControlVerb(this, flags, { command: 'status' }, (answer) => formatStatus(answer.result as StatusReport), { json: flags.json });
    if (code !== 0) this.exit(code);
  }
}
