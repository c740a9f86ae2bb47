import { Command, Flags } from '@oclif/core';
import { planServiceRoutes } from '../../announce/plan-service-routes.js';
import { plannedStates } from '../../plugins/define-strategy.js';
import { closeServices } from '../../loading/prepare-services.js';
import { formatTable } from '../format-table.js';
import { describeLoadError, loadForCli } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';
import { bestAndBackup, commandsFor, describeIntent, peerColumns, planFor } from '../plan-service-table.js';

export default class Plan extends Command {
  static override summary = 'Show the routes, MEDs and commands each state would announce';
  static override description =
    'Runs no check. Loads and validates everything as `run` does (exit 1 with `path: reason` lines for anything `run` would refuse). For strategies that know the other nodes (rotate: node/nodes; rendezvous: members), also shows the MED every node would announce and, per IP, the best node and its backup.';
  static override flags = {
    config: configFlag,
    dialect: Flags.string({ options: ['neighbor', 'peer'], description: 'command dialect to print (default: from the config, else neighbor)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Plan);
    let loaded;
    try {
      loaded = await loadForCli(flags.config);
    } catch (error) {
      this.logToStderr(describeLoadError(error));
      this.exit(1);
    }
    const { config, services } = loaded;
    await closeServices(services);
    const configured = config.exabgp.dialect === 'auto' ? 'neighbor' : config.exabgp.dialect;
    const dialect = (flags.dialect ?? configured) as 'neighbor' | 'peer';
    for (const service of services) {
      const { name, strategy: reference, ips } = service.config;
      const peers = peerColumns(reference);
      const states = plannedStates(service.strategy);
      this.log(`service ${name}: strategy ${reference.use}${peers ? `, this is ${peers.self} of ${peers.columns.length}` : ''}`);
      if (peers) {
        const names = peers.columns.map((column) => column.name);
        for (const state of states) {
          const planned = peers.columns.map((column) => planFor(service, column.options, state));
          const rows = ips.map((ip, index) => {
            const intents = planned.map((intents) => intents.find((intent) => intent.prefix === ip) ?? intents[index]);
            return [ip, ...intents.map(describeIntent), ...bestAndBackup(names, intents)];
          });
          this.log(`\n${state}:`);
          this.log(formatTable(['route', ...names, 'best', 'backup'], rows));
        }
      }
      this.log('\ncommands from this node:');
      for (const state of states) {
        const intents = planServiceRoutes(service.strategy, { serviceName: name, prefixes: ips, state, allowed: config.allowedPrefixes });
        for (const command of commandsFor(intents, dialect)) this.log(`  ${state.padEnd(8)}  ${command}`);
      }
      this.log('');
    }
  }
}
