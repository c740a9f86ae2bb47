import type { ExaplugConfig } from '../config/resolve-config.js';
import { coreVersion } from '../plugins/core-version.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import { Runtime } from '../runtime/runtime.js';
import type { ExabgpProcessOptions } from './exabgp-process-options.js';

/** The Runtime for a config that loaded, with what the composition root adds, logged as started. */
export function createRuntime(
  options: ExabgpProcessOptions,
  loaded: { config: ExaplugConfig; services: PreparedService[]; neighbors: NeighborTable },
  onShutdownMessage: () => void,
): Runtime {
  const { logger, sink, clock } = options;
  const { config, services, neighbors } = loaded;
  const runtime = new Runtime({ ...options.runtimeOptions?.(config), config, services, sink, clock, logger, neighbors, onShutdownMessage });
  logger.info(
    {
      version: coreVersion,
      config: config.filepath,
      services: services.map((s) => ({ name: s.config.name, ips: s.config.ips, check: s.checkName })),
    },
    'exaplug started',
  );
  return runtime;
}
