import { Command } from '@oclif/core';
import { closeServices } from '../../plugins/prepare-services.js';
import { describeLoadError, loadForCli } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';

export default class Validate extends Command {
  static override summary = 'Check a config and its plugins without announcing anything';
  static override description = 'Exit code 0 when the config, every plugin and every plugin option are valid; 1 otherwise, with each problem as path: reason.';
  static override flags = { config: configFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Validate);
    try {
      const { config, services } = await loadForCli(flags.config);
      await closeServices(services);
      this.log(`${config.filepath}: valid, ${services.length} service${services.length === 1 ? '' : 's'}`);
      for (const service of services) {
        this.log(`  ${service.config.name}: ${service.config.ips.join(', ')} — check ${service.checkName}, strategy ${service.config.strategy.use}`);
      }
    } catch (error) {
      this.logToStderr(describeLoadError(error));
      this.exit(1);
    }
  }
}
