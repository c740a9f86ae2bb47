import { Command } from '@oclif/core';
import { builtinChecks } from '../../checks/builtin-checks.js';
import { loadConfig } from '../../config/load-config.js';
import type { ExaplugConfig } from '../../config/resolve-config.js';
import { coreVersion } from '../../plugins/core-version.js';
import { discoverPlugins } from '../../loading/discover-plugins.js';
import { loadCheck, loadStrategy, pluginSearchBases } from '../../loading/load-plugin.js';
import { pluginUseName } from '../../loading/plugin-use-name.js';
import { builtinStrategies } from '../../strategies/builtin-strategies.js';
import { findPluginProblem } from '../find-plugin-problem.js';
import { formatTable } from '../format-table.js';
import { describeLoadError } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';

export default class Plugins extends Command {
  static override summary = 'List the checks and strategies available, with versions and where they resolve from';
  static override flags = { config: configFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Plugins);
    // `use` first: it is what a config writes; the package is where it comes from.
    const rows: string[][] = [
      ...Object.keys(builtinChecks).map((name) => ['check', name, '@exaplug/core', coreVersion, 'built in']),
      ...Object.keys(builtinStrategies).map((name) => ['strategy', name, '@exaplug/core', coreVersion, 'built in']),
    ];
    let configDir = process.cwd();
    let config;
    try {
      config = await loadConfig(flags.config === undefined ? {} : { path: flags.config });
      configDir = config.configDir;
    } catch (error) {
      if (flags.config !== undefined) this.logToStderr(describeLoadError(error));
    }
    const discovered = await discoverPlugins(pluginSearchBases(configDir));
    const installed = new Set(discovered.map((found) => found.name));
    const problems: string[] = [];
    for (const found of discovered) {
      const builtins = Object.keys(found.kind === 'check' ? builtinChecks : builtinStrategies);
      const use = pluginUseName(found.kind, found.name, installed, builtins);
      rows.push([found.kind, use, found.name, found.version ?? '?', found.directory]);
      const problem = await findPluginProblem(found);
      if (problem !== undefined) problems.push(`${found.name} (${found.directory}) cannot be used: ${problem}`);
    }
    this.log(formatTable(['kind', 'use', 'package', 'version', 'from'], rows));
    if (config) problems.push(...(await this.listUsedPlugins(config)));
    for (const problem of problems) this.logToStderr(problem);
    // A listing that hides a plugin this core cannot run would pass a CI step that should fail.
    if (problems.length > 0) this.exit(1);
  }

  /** The config's services, what each uses and where it resolves; the refusals, one line each. */
  private async listUsedPlugins(config: ExaplugConfig): Promise<string[]> {
    this.log(`\nused by ${config.filepath}:`);
    const used: string[][] = [];
    const problems: string[] = [];
    for (const service of config.services) {
      const checks = (service.check.parts ?? [service.check]).map((part) => ['check', part.use] as const);
      for (const [kind, use] of [...checks, ['strategy', service.strategy.use] as const]) {
        try {
          const { origin } = kind === 'check' ? await loadCheck(use, config.configDir) : await loadStrategy(use, config.configDir);
          used.push([service.name, kind, use, origin.version ?? '?', origin.source === 'builtin' ? 'built in' : (origin.file ?? origin.resolvedAs)]);
        } catch (error) {
          used.push([service.name, kind, use, '-', describeLoadError(error)]);
          problems.push(`services.${service.name}: ${kind} "${use}" cannot be used: ${describeLoadError(error)}`);
        }
      }
    }
    this.log(formatTable(['service', 'kind', 'use', 'version', 'resolves to'], used));
    return problems;
  }
}
