import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultControlPaths } from '../config/control-paths.js';
import type { ConfigSource } from '../config/load-config.js';
import { readControlPaths, type ProcessPaths } from '../config/read-control-paths.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import { handleControlRequest, type ControlIdentity } from '../control/handle-control-request.js';
import type { Logger } from '../logger.js';
import { coreVersion } from '../plugins/core-version.js';
import type { ExabgpProcess } from '../process/exabgp-process.js';
import type { RuntimeEvents } from '../runtime/runtime-events.js';
import { startControlServer } from './control-server.js';
import { startMetricsServer } from './metrics-server.js';
import { systemClock } from './system-clock.js';

/** The control socket and the metrics listener of one exaplug. */
export interface ProcessServers {
  /** A config loaded: starts the metrics it turns on, if they are not served yet. */
  configLoaded(config: ExaplugConfig): void;
  close(): void;
}

/**
 * Starts the control socket and the metrics listener from the config file as it can be
 * read, before (and whether or not) it validates: an exaplug idle on an invalid config
 * still answers `exaplug status` and `/metrics`. Both take effect once, at start.
 */
export function startProcessServers(source: ConfigSource | undefined, shell: ExabgpProcess, events: RuntimeEvents, logger: Logger): ProcessServers {
  const servers: Array<{ close(): unknown }> = [];
  let closed = false;
  let metricsStarted = false;
  const keep = (server: { close(): unknown }) => (closed ? server.close() : servers.push(server));
  // Seconds-in-state count from here for a service no event dated (see StateAges).
  let runtimeStartedAtMs = systemClock.now();
  shell.onStateChange((state) => {
    if (state === 'running') runtimeStartedAtMs = systemClock.now();
  });
  const startMetrics = (listen: string) => {
    if (metricsStarted) return;
    metricsStarted = true;
    void serveMetrics(shell, { events, startedAtMs: () => runtimeStartedAtMs }, listen, logger).then((server) => server && keep(server));
  };
  void pathsOf(source, logger).then(async (paths) => {
    if (!paths || closed) return;
    if (paths.metricsListen !== undefined) startMetrics(paths.metricsListen);
    const identity = identityOf(paths);
    try {
      keep(await startControlServer(paths.socket, (request) => handleControlRequest(shell, request, identity), logger));
    } catch (error) {
      logger.error({ err: error, socket: paths.socket }, 'control socket unavailable: exaplug status/drain/reload will not reach this process');
    }
  });
  return {
    configLoaded(config) {
      if (config.metrics) startMetrics(config.metrics.listen);
    },
    close() {
      closed = true;
      for (const server of servers.splice(0)) server.close();
    },
  };
}

/** Where this exaplug listens: from its file as it can be read; a file that cannot be read still names it by its path. */
async function pathsOf(source: ConfigSource | undefined, logger: Logger): Promise<ProcessPaths | undefined> {
  if (!source) return undefined;
  try {
    return await readControlPaths(source);
  } catch (error) {
    if (source.path === undefined) {
      logger.error({ err: error }, 'no control socket: no config file was found to name it by');
      return undefined;
    }
    const configPath = resolve(source.path);
    return { ...defaultControlPaths({ filepath: configPath }), configPath, metricsListen: undefined };
  }
}

function identityOf(paths: ProcessPaths): ControlIdentity {
  const own = paths.configPath === undefined ? undefined : canonical(paths.configPath);
  return { pid: process.pid, config: paths.configPath, socket: paths.socket, isOwnConfig: (path) => own !== undefined && canonical(path) === own };
}

/** The file a path names, through symlinks; the path as written when it does not exist. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

async function serveMetrics(shell: ExabgpProcess, feed: { events: RuntimeEvents; startedAtMs(): number }, listen: string, logger: Logger) {
  // prom-client only when metrics are on: its import is 75 ms of every start.
  const [{ createRuntimeMetrics }, { registerProcessMetrics }] = await Promise.all([import('../metrics/runtime-metrics.js'), import('../metrics/process-metrics.js')]);
  const registry = createRuntimeMetrics(
    feed.events,
    () => {
      if (shell.state !== 'running') return undefined;
      const runtime = shell.runtimeForControl();
      return { services: runtime.status, routesByService: () => runtime.routesByService(), neighbors: runtime.neighbors, startedAtMs: feed.startedAtMs() };
    },
    { now: systemClock.now },
  );
  registerProcessMetrics(registry, {
    version: coreVersion,
    configValid: () => shell.configValid,
    exabgp: () => shell.status.exabgp,
    onReloaded: (listener) => shell.onReloaded(listener),
  });
  try {
    return await startMetricsServer(registry, listen, logger);
  } catch (error) {
    logger.error({ err: error, listen }, 'metrics listener unavailable');
    return undefined;
  }
}
