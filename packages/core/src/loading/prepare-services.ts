import { planServiceRoutes } from '../announce/plan-service-routes.js';
import { ConfigError, type ConfigProblem } from '../config/config-error.js';
import type { ExaplugConfig, ServiceConfig } from '../config/resolve-config.js';
import { isExaplugError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { NeighborView } from '../plugins/neighbor-view.js';
import type { CheckInstance } from '../plugins/define-check.js';
import { hostname } from 'node:os';
import { plannedStates, type StrategyDefinition, type StrategyInstance } from '../plugins/define-strategy.js';
import { loadCheck, loadStrategy, type ModuleImporter, type PluginOrigin } from './load-plugin.js';
import { createCompositeCheck } from '../plugins/composite-check.js';
import { parsePluginOptions } from './parse-plugin-options.js';
import { runInPluginScope } from '../plugins/plugin-scope.js';

/** A service with its check and strategy created, ready to schedule. */
export interface PreparedService {
  config: ServiceConfig;
  check: CheckInstance;
  checkName: string;
  checkOrigin: PluginOrigin;
  strategy: StrategyInstance;
  strategyDefinition: StrategyDefinition;
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
  const problems: ConfigProblem[] = [];
  for (const service of config.services) {
    try {
      prepared.push(await prepareService(service, config, logger, options.neighbors ?? new Map(), options.importer));
    } catch (error) {
      problems.push(...problemsOf(error, `services.${service.name}`));
    }
  }
  if (problems.length > 0) {
    await closeServices(prepared);
    throw new ConfigError('EXAPLUG_CONFIG_INVALID', config.filepath, problems);
  }
  return prepared;
}

async function prepareService(
  service: ServiceConfig,
  { configDir, allowedPrefixes }: ExaplugConfig,
  logger: Logger,
  neighbors: NeighborView,
  importer?: ModuleImporter,
) {
  const base = ['services', service.name];
  const strategyPlugin = await loadStrategy(service.strategy.use, configDir, importer);
  const strategyOptions = parsePluginOptions(strategyPlugin.definition.options, service.strategy.with, [...base, 'strategy', 'with']);
  const strategy = strategyPlugin.definition.create(strategyOptions, { serviceName: service.name, hostname: hostname() });
  // What `validate` accepts the writer must write: every state's routes go through the
  // writer's validator now, not when the service first fails in production.
  for (const state of plannedStates(strategy)) {
    try {
      planServiceRoutes(strategy, { serviceName: service.name, prefixes: service.ips, state, allowed: allowedPrefixes });
    } catch (error) {
      const code = isExaplugError(error) ? error.code : 'EXAPLUG_STRATEGY_FAILED';
      throw new ConfigError(code, undefined, [{ path: [...base, 'strategy'].join('.'), code, message: (error as Error).message, cause: error }]);
    }
  }
  const context = { serviceName: service.name, configDir, logger, neighbors };
  const { combination, parts } = service.check;
  if (!combination || !parts) {
    const single = await createCheck(service.check, [...base, 'check', 'with'], context, importer);
    return {
      config: service,
      check: single.instance,
      checkName: single.name,
      checkOrigin: single.origin,
      strategy,
      strategyDefinition: strategyPlugin.definition,
      strategyOrigin: strategyPlugin.origin,
      receivedRoutes: single.receivedRoutes,
    };
  }
  const form = combination.mode === 'quorum' ? 'of' : combination.mode;
  const created: CreatedCheck[] = [];
  for (const [index, part] of parts.entries()) created.push(await createCheck(part, [...base, 'check', form, index, 'with'], context, importer));
  const names = created.map((part, index) => (created.findIndex((other) => other.name === part.name) === index ? part.name : `${part.name}#${index + 1}`));
  return {
    config: service,
    check: createCompositeCheck(combination, created.map((part, index) => ({ name: names[index] as string, instance: part.instance }))),
    checkName: `${combination.mode}(${names.join(', ')})`,
    checkOrigin: (created[0] as CreatedCheck).origin,
    strategy,
    strategyDefinition: strategyPlugin.definition,
    strategyOrigin: strategyPlugin.origin,
    receivedRoutes: created.flatMap((part) => part.receivedRoutes),
  };
}

interface CreatedCheck {
  name: string;
  instance: CheckInstance;
  origin: PluginOrigin;
  receivedRoutes: readonly string[];
}

/** Loads one check plugin, validates its options at `path`, and creates it in its plugin scope. */
async function createCheck(
  reference: { use: string; with: Record<string, unknown> },
  path: readonly (string | number)[],
  context: { serviceName: string; configDir: string; logger: Logger; neighbors: NeighborView },
  importer?: ModuleImporter,
): Promise<CreatedCheck> {
  const plugin = await loadCheck(reference.use, context.configDir, importer);
  const options = parsePluginOptions(plugin.definition.options, reference.with, path);
  const name = plugin.definition.name;
  // In the plugin's scope, so that stray stdout writes and late throws are traced to it.
  const instance = await runInPluginScope({ service: context.serviceName, plugin: name }, () =>
    plugin.definition.create(options, {
      serviceName: context.serviceName,
      configDir: context.configDir,
      logger: context.logger.child({ service: context.serviceName, check: name }),
      neighbors: context.neighbors,
    }),
  );
  return { name, instance, origin: plugin.origin, receivedRoutes: plugin.definition.needs?.receivedRoutes?.(options) ?? [] };
}

/** A service's problem with its code and cause: a plugin that failed to import keeps its stack. */
function problemsOf(error: unknown, path: string): ConfigProblem[] {
  if (error instanceof ConfigError) return [...error.problems];
  if (isExaplugError(error)) return [{ path, code: error.code, message: error.message, cause: error.cause ?? error }];
  return [{ path, code: 'EXAPLUG_PLUGIN_LOAD', message: (error as Error)?.message ?? String(error), cause: error }];
}

/** Closes every check, never letting one plugin's close failure stop the others. */
export async function closeServices(services: readonly PreparedService[]): Promise<void> {
  await Promise.allSettled(services.map(async (service) => service.check.close?.()));
}
