import type { ExaplugConfig } from '../config/resolve-config.js';
import { closeServices, type PreparedService } from '../loading/prepare-services.js';
import type { ReloadSummary, Runtime } from '../runtime/runtime.js';
import type { ExabgpProcessOptions } from './exabgp-process-options.js';
import { reportLoadFailure } from './report-load-failure.js';

/** A reload applied: what changed, and the config and services that now run. */
export interface AppliedReload {
  summary: ReloadSummary;
  config: ExaplugConfig;
  services: PreparedService[];
}

/**
 * The reload of a running exaplug: the new config is loaded and validated first (one that
 * does not load is logged and thrown; the running one stays), then applied to the runtime
 * as a diff. `stopped` when exaplug began stopping while it loaded.
 */
export async function reloadRunning(
  options: ExabgpProcessOptions,
  runtime: Runtime,
  shell: { noteLoad(valid: boolean): void; isRunning(): boolean },
): Promise<AppliedReload | 'stopped'> {
  const { logger } = options;
  logger.info('reload: validating the new config');
  let loaded;
  try {
    loaded = await options.load(runtime.neighbors);
  } catch (error) {
    shell.noteLoad(false);
    reportLoadFailure(logger, error);
    logger.error('reload refused: the running config stays');
    throw error;
  }
  shell.noteLoad(true);
  if (!shell.isRunning()) {
    await closeServices(loaded.services);
    return 'stopped';
  }
  options.configLoaded?.(loaded.config);
  const services = options.prepare?.(loaded.services) ?? loaded.services;
  const summary = await runtime.reload(loaded.config, services);
  return { summary, config: loaded.config, services };
}
