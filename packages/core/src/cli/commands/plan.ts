import { Command, Flags } from '@oclif/core';
import { planServiceRoutes } from '../../announce/plan-service-routes.js';
import { closeServices } from '../../plugins/prepare-services.js';
import { formatTable } from '../format-table.js';
import { describeLoadError, loadForCli } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';
import { announcedStates, commandsFor, describeIntent, nodeCount, planFor } from '../plan-service-table.js';

export default class Plan extends Command {
  static override summary = 'Show the routes, MEDs and commands each state would announce';
  static override description =
    'Runs no check. Loads and validates everything as `run` does (exit 1 with `path: reason` lines for anything `run` would refuse). For node-indexed strategies such as rotate, also shows the MED every node would announce, so the primary and backups of each IP can be read off.';
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
      const nodes = nodeCount(reference);
      this.log(`service ${name}: strategy ${reference.use}${nodes ? `, this is node ${String(reference.with.node)} of ${nodes}` : ''}`);
      if (nodes) {
        for (const state of announcedStates) {
          const columns = Array.from({ length: nodes }, (_, node) => planFor(service, { ...reference.with, node }, state));
          const rows = ips.map((ip, index) => [ip, ...columns.map((intents) => describeIntent(intents[index]))]);
          this.log(`\n${state}:`);
          this.log(formatTable(['route', ...columns.map((_, node) => `node ${node}`)], rows));
        }
      }
      this.log('\ncommands from this node:');
      for (const state of announcedStates) {
        const intents = planServiceRoutes(service.strategy, { serviceName: name, prefixes: ips, state, allowed: config.allowedPrefixes });
        for (const command of commandsFor(intents, dialect)) this.log(`  ${state.padEnd(8)}  ${command}`);
      }
      this.log('');
    }
  }
}
