import { ConfigError } from '../config/config-error.js';
import type { ExaplugConfig, ServiceConfig } from '../config/resolve-config.js';
import { isExaplugError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { NeighborView } from '../runtime/neighbor-table.js';
import type { CheckInstance } from './define-check.js';
import type { StrategyInstance } from './define-strategy.js';
import { loadCheck, loadStrategy, type ModuleImporter, type PluginOrigin } from './load-plugin.js';
import { parsePluginOptions } from './parse-plugin-options.js';

/** A service with its check and strategy created, ready to schedule. */
export interface PreparedService {
  config: ServiceConfig;
  check: CheckInstance;
  checkName: string;
  checkOrigin: PluginOrigin;
  strategy: StrategyInstance;
  strategyOrigin: PluginOrigin;
  /** The received prefixes the check reads (its definition's `needs.receivedRoutes`). */
  receivedRoutes: readonly string[];
}

/**
 * Loads every plugin and validates every plugin's options before anything is announced.
 * All problems are collected so that one run shows the operator all of them.
 */
export async function prepareServices(
  config: ExaplugConfig,
  logger: Logger,
  options: { importer?: ModuleImporter; neighbors?: NeighborView } = {},
): Promise<PreparedService[]> {
  const prepared: PreparedService[] = [];
  const issues: string[] = [];
  for (const service of config.services) {
    try {
      prepared.push(await prepareService(service, config.configDir, logger, options.neighbors ?? new Map(), options.importer));
    } catch (error) {
      if (error instanceof ConfigError) issues.push(...error.issues);
      else if (isExaplugError(error)) issues.push(`services.${service.name}: ${error.message} (${error.code})`);
      else issues.push(`services.${service.name}: ${(error as Error).message}`);
    }
  }
  if (issues.length > 0) {
    await closeServices(prepared);
    throw new ConfigError('EXAPLUG_CONFIG_INVALID', config.filepath, issues);
  }
  return prepared;
}

async function prepareService(
  service: ServiceConfig,
  configDir: string,
  logger: Logger,
  neighbors: NeighborView,
  importer?: ModuleImporter,
) {
  const base = ['services', service.name];
  const checkPlugin = await loadCheck(service.check.use, configDir, importer);
  const strategyPlugin = await loadStrategy(service.strategy.use, configDir, importer);
  const checkOptions = parsePluginOptions(checkPlugin.definition.options, service.check.with, [...base, 'check', 'with']);
  const strategyOptions = parsePluginOptions(strategyPlugin.definition.options, service.strategy.with, [...base, 'strategy', 'with']);
  const strategy = strategyPlugin.definition.create(strategyOptions, { serviceName: service.name });
  const check = await checkPlugin.definition.create(checkOptions, {
    serviceName: service.name,
    configDir,
    logger: logger.child({ service: service.name, check: checkPlugin.definition.name }),
    neighbors,
  });
  return {
    config: service,
    check,
    checkName: checkPlugin.definition.name,
    checkOrigin: checkPlugin.origin,
    strategy,
    strategyOrigin: strategyPlugin.origin,
    receivedRoutes: checkPlugin.definition.needs?.receivedRoutes?.(checkOptions) ?? [],
  };
}

/** Closes every check, never letting one plugin's close failure stop the others. */
export async function closeServices(services: readonly PreparedService[]): Promise<void> {
  await Promise.allSettled(services.map(async (service) => service.check.close?.()));
}
