import { Command, Flags } from '@oclif/core';
import { loadConfig } from '../../config/load-config.js';
import { loadStrategy } from '../../plugins/load-plugin.js';
import { formatTable } from '../format-table.js';
import { describeLoadError } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';
import { announcedStates, commandsFor, describeIntent, nodeCount, planFor } from '../plan-service-table.js';

export default class Plan extends Command {
  static override summary = 'Show the routes, MEDs and commands each state would announce';
  static override description =
    'Runs no check. For node-indexed strategies such as rotate, also shows the MED every node would announce, so the primary and backups of each IP can be read off.';
  static override flags = {
    config: configFlag,
    dialect: Flags.string({ options: ['neighbor', 'peer'], description: 'command dialect to print (default: from the config, else neighbor)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Plan);
    try {
      const config = await loadConfig(flags.config === undefined ? {} : { path: flags.config });
      const configured = config.exabgp.dialect === 'auto' ? 'neighbor' : config.exabgp.dialect;
      const dialect = (flags.dialect ?? configured) as 'neighbor' | 'peer';
      for (const service of config.services) {
        const { definition } = await loadStrategy(service.strategy.use, config.configDir);
        const nodes = nodeCount(service.strategy);
        this.log(`service ${service.name}: strategy ${service.strategy.use}${nodes ? `, this is node ${String(service.strategy.with.node)} of ${nodes}` : ''}`);
        if (nodes) {
          for (const state of announcedStates) {
            const columns = Array.from({ length: nodes }, (_, node) => planFor(definition, service, { ...service.strategy.with, node }, state));
            const rows = service.ips.map((ip, index) => [ip, ...columns.map((intents) => describeIntent(intents[index]))]);
            this.log(`\n${state}:`);
            this.log(formatTable(['route', ...columns.map((_, node) => `node ${node}`)], rows));
          }
        }
        this.log('\ncommands from this node:');
        for (const state of announcedStates) {
          for (const command of commandsFor(planFor(definition, service, service.strategy.with, state), dialect)) {
            this.log(`  ${state.padEnd(8)}  ${command}`);
          }
        }
        this.log('');
      }
    } catch (error) {
      this.logToStderr(describeLoadError(error));
      this.exit(1);
    }
  }
}
