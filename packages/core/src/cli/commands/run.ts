import { Command, Flags } from '@oclif/core';
import type { LogLevel } from '../../adapters/create-logger.js';
import { runExabgpProcess } from '../../adapters/exabgp-process.js';
import { configFlag, logLevelFlag } from '../log-level-flag.js';

export default class Run extends Command {
  static override summary = 'Run as an ExaBGP process: check services, announce their routes';
  static override description =
    'Reads ExaBGP messages on stdin and writes announce/withdraw commands on stdout. Logs go to stderr (pino JSON, pretty on a terminal). Configure it in exabgp.conf: process exaplug { run /usr/bin/env exaplug run --config /etc/exaplug/exaplug.yaml; encoder json; }';
  static override flags = {
    config: configFlag,
    'log-level': logLevelFlag,
    pretty: Flags.boolean({ description: 'human-readable logs (default: when stderr is a terminal)', allowNo: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Run);
    // Nothing here may use this.log: it writes to stdout, which belongs to ExaBGP.
    const code = await runExabgpProcess({
      ...(flags.config !== undefined && { configPath: flags.config }),
      ...(flags['log-level'] !== undefined && { logLevel: flags['log-level'] as LogLevel }),
      ...(flags.pretty !== undefined && { pretty: flags.pretty }),
    });
    process.exit(code);
  }
}
