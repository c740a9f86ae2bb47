import { ConfigError } from '../config/config-error.js';
import { loadConfig, type ConfigSource } from '../config/load-config.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import type { NeighborView } from '../plugins/neighbor-view.js';
import { closeServices, prepareServices, type PreparedService } from './prepare-services.js';

/**
 * Loads the config and prepares every service's plugins. When the config itself has
 * problems, the plugins of the services that are fine are still loaded and checked, so the
 * one error lists everything to fix.
 */
export async function loadServices(
  options: ConfigSource,
  logger: Logger,
  neighbors?: NeighborView,
): Promise<{ config: ExaplugConfig; services: PreparedService[] }> {
  let config: ExaplugConfig;
  try {
    config = await loadConfig(options);
  } catch (error) {
    if (!(error instanceof ConfigError) || !error.salvaged) throw error;
    const more = await prepareServices(error.salvaged, logger).then(
      async (services) => {
        await closeServices(services);
        return [];
      },
      (problem: unknown) => (problem instanceof ConfigError ? problem.problems : []),
    );
    throw new ConfigError(error.code, error.filepath, [...error.problems, ...more], error.safety ? { safety: error.safety } : {});
  }
  try {
    return { config, services: await prepareServices(config, logger, neighbors ? { neighbors } : {}) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The config itself is valid: its allow-list and onInvalidConfig still guide idle mode.
    const safety = { allowedPrefixes: config.allowedPrefixes, onInvalidConfig: config.onInvalidConfig };
    throw new ConfigError(error.code, config.filepath, error.problems, { cause: error.cause, safety });
  }
}
