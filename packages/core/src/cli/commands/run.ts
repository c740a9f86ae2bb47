import { Command } from '@oclif/core';
import { runExabgpProcess } from '../../adapters/exabgp-process.js';
import { configFlag, logLevelFlag, prettyFlag } from '../log-level-flag.js';
import { runOptionsOf } from '../run-flags.js';

export default class Run extends Command {
  static override summary = 'Run as an ExaBGP process: check services, announce their routes';
  static override description =
    'Reads ExaBGP messages on stdin and writes announce/withdraw commands on stdout. Logs go to stderr (pino JSON, pretty on a terminal). Configure it in exabgp.conf: process exaplug { run /usr/bin/env exaplug run --config /etc/exaplug/exaplug.yaml; encoder json; }';
  static override flags = {
    config: configFlag,
    'log-level': logLevelFlag,
    pretty: prettyFlag,
  };

  async run(): Promise<void> {
    let flags;
    try {
      ({ flags } = await this.parse(Run));
    } catch (error) {
      // A typo in exabgp.conf's run line must not make ExaBGP respawn us into its 5-deaths limit.
      process.exit(await runExabgpProcess({ startupError: `exaplug run: ${(error as Error).message}` }));
    }
    // Nothing here may use this.log: it writes to stdout, which belongs to ExaBGP.
    const code = await runExabgpProcess(runOptionsOf(flags));
    process.exit(code);
  }
}
