import { Command, Flags } from '@oclif/core';
import type { StatusReport } from '../../control/control-protocol.js';
import { askRunningExaplug, controlFlags } from '../control-command.js';
import { formatStatus } from '../format-status.js';

export default class Status extends Command {
  static override summary = 'Show what the running exaplug knows: services, health, routes as written, neighbors';
  static override flags = { ...controlFlags, json: Flags.boolean({ description: 'print the report as JSON' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    try {
      const report = (await askRunningExaplug(flags, { command: 'status' })) as StatusReport;
      this.log(flags.json ? JSON.stringify(report, null, 2) : formatStatus(report));
    } catch (error) {
      this.logToStderr((error as Error).message);
      this.exit(1);
    }
  }
}
