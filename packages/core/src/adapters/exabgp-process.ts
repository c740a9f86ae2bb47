import { access } from 'node:fs/promises';
import { loadServices } from '../loading/load-services.js';
import { killAllProcessGroups, killAllProcessGroupsNow } from '../plugins/process-group.js';
import { CheckActivity } from '../process/check-activity.js';
import { ExabgpProcess, type ShellLogger } from '../process/exabgp-process.js';
import type { CreateIdleMode } from '../process/idle-mode.js';
import { ConfigError } from '../config/config-error.js';
import { InvalidConfigGuard } from '../runtime/invalid-config-guard.js';
import { instrumentChecks } from '../process/instrument-checks.js';
import { formatSize } from '../size.js';
import { createLogger, type LogLevel } from './create-logger.js';
import { createDrainStore } from './drain-store.js';
import { guardStdout } from './guard-stdout.js';
import { runHooksOnTransitions } from './run-hooks.js';
import { startProcessServers } from './process-servers.js';
import { defaultControlPaths, legacyHostPaths } from '../config/control-paths.js';
import type { ConfigSource } from '../config/load-config.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import { describeIdleRoutes } from '../process/describe-idle-routes.js';
import { RuntimeEvents } from '../runtime/runtime-events.js';
import { createInterfaceAddresses } from './interface-addresses.js';
import { onProcessSignals } from './process-signals.js';
import { readStdinLines } from './stdin-line-source.js';
import { createStdoutLineSink } from './stdout-line-sink.js';
import { systemClock } from './system-clock.js';
import { watchEventLoop } from './watch-event-loop.js';
import { readProcessMemory, watchMemory } from './watch-memory.js';

export interface ExabgpProcessOptions {
  configPath?: string;
  /** A config object to run instead of a file (`exaplug healthcheck`); paths in it resolve from the working directory. */
  config?: unknown;
  /** Overrides `log.level` from the config. */
  logLevel?: LogLevel;
  pretty?: boolean;
  /**
   * A problem found before the config could even be looked at (a bad flag in exabgp.conf's
   * `run` line). Reported, then idle like an invalid config: exiting would crash-loop ExaBGP.
   */
  startupError?: string;
  /** Behaviour while idle (see process/idle-mode.ts). */
  createIdleMode?: CreateIdleMode;
}

/**
 * The composition root of `exaplug run`: the real stdin, stdout (guarded: only the command
 * writer reaches fd 1), signals, logger, memory and event-loop watches, wired to an
 * ExabgpProcess. Resolves with the exit code once stopped; every `process` listener it
 * added is removed by then.
 */
export async function runExabgpProcess(options: ExabgpProcessOptions): Promise<number> {
  const logger = createLogger({ level: options.logLevel ?? 'info', ...(options.pretty !== undefined && { pretty: options.pretty }) });
  const stdout = guardStdout(logger);
  const sink = createStdoutLineSink(logger, stdout.commands);
  const activity = new CheckActivity();
  const lag = watchEventLoop({ logger, activity, thresholdMs: 100 });

  // The watch's first sample is 200 ms away: `shell` below exists by then.
  const memory = watchMemory(onMemoryLimit(logger, activity, () => shell.stop({ kind: 'memory-limit' })));

  // One event stream across reloads: metrics count from the first config on.
  const events = new RuntimeEvents((error, event) => logger.error({ err: error, event: event.type }, 'an event listener failed'));
  runHooksOnTransitions(events, (name) => shell.loadedConfig?.services.find((service) => service.name === name), logger);
  const source = configSourceOf(options);

  const shell = new ExabgpProcess({
    logger,
    sink,
    clock: systemClock,
    load: (neighbors) => loadServices(source ?? {}, logger, neighbors),
    configLoaded(config) {
      if (!options.logLevel) logger.level = config.log.level;
      servers.configLoaded(config);
      memory.setLimits(config.limits);
      lag.setThreshold(config.limits.eventLoopLag);
    },
    prepare: (services) =>
      instrumentChecks(services, { activity, clock: systemClock, readMemory: readProcessMemory, afterAttempt: () => memory.sample() }),
    reapChildren: () => killAllProcessGroups(),
    ...(options.startupError !== undefined && { startupError: options.startupError }),
    createIdleMode: options.createIdleMode ?? guardRoutesWhileIdle,
    runtimeOptions: (config) => ({
      events,
      ...(config.ipSetup && { addresses: createInterfaceAddresses({ device: config.ipSetup.interface, logger }) }),
      drains: createDrainStore(config.stateDir, { logger, ...(isDefaultStateDir(config) && { legacyDir: legacyHostPaths.stateDir }) }),
      // The disable files of services (the healthcheck's --disable): the filesystem is the shell's to ask.
      isDisabled: (path: string) => access(path).then(() => true, () => false),
    }),
    watchdogStatus: () => ({ eventLoop: lag.status, memoryLimits: memory.limits }),
  });

  // The control socket and metrics answer from the start, idle or not (see startProcessServers).
  const servers = startProcessServers(source, shell, events, logger);
  const stopReading = readStdinLines(
    { onLine: (line) => shell.receiveLine(line), onEnd: () => shell.inputEnded() },
    (error) => logger.error({ err: error }, 'error while handling a line from exabgp'),
  );
  const removeSignals = onProcessSignals({
    stop: (signal) => shell.stop({ kind: 'signal', signal }),
    reload: () => shell.reload(),
  });
  const removeUncaught = reportUncaught(shell);
  shell.start();
  const code = await shell.exited;
  removeSignals();
  servers.close();
  removeUncaught();
  memory.stop();
  lag.stop();
  // Closing the reader fires its end handler; the shell is stopped and ignores it.
  stopReading();
  return code;
}

/** What passing limits.heap or limits.rss does: logs who to blame, then stops (withdrawing per onStop). */
function onMemoryLimit(logger: ShellLogger, activity: CheckActivity, stop: () => void): Parameters<typeof watchMemory>[0] {
  return (limit, sample, limits) => {
    // Evidence: a check whose own calls added at least a tenth of the limit.
    const blamed = activity.culprit(limit === 'heap' ? 'heapUsed' : 'rss', limits[limit] / 10);
    logger.fatal(
      {
        code: 'EXAPLUG_MEMORY_LIMIT',
        limit,
        used: formatSize(limit === 'heap' ? sample.heapUsed : sample.rss),
        allowed: formatSize(limits[limit]),
        ...(blamed ? { service: blamed.service, check: blamed.plugin } : { service: 'none: no check grew memory measurably (the control socket, received routes, exaplug itself?)' }),
        running: activity.inFlight.map((scope) => scope.service),
      },
      'memory limit passed: withdrawing and exiting so that ExaBGP respawns exaplug',
    );
    stop();
  };
}

/** Uncaught exceptions and rejections are logged with their plugin and survived; returns the removal. */
function reportUncaught(shell: ExabgpProcess): () => void {
  const onUncaught = (error: unknown) => shell.reportUncaught('exception', error);
  const onUnhandled = (error: unknown) => shell.reportUncaught('rejection', error);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  // The last resort when the exit is forced: no check's process group outlives exaplug.
  process.on('exit', killAllProcessGroupsNow);
  return () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUnhandled);
  };
}

/**
 * The default idle mode: routes a previous exaplug left inside the allow-list are withdrawn
 * after `onInvalidConfig.after`. Not for a bad flag in the run line: no config was read.
 */
const guardRoutesWhileIdle: CreateIdleMode = ({ sink, logger, clock, problem, error }) => {
  if (problem !== 'config') return undefined;
  const safety = error instanceof ConfigError ? error.safety : undefined;
  const guard = new InvalidConfigGuard({ sink, clock, logger, safety });
  const sinceMs = clock.now();
  guard.start();
  return {
    receiveLine: (line) => guard.receiveLine(line),
    stop: () => guard.stop(),
    describeRoutes: () => describeIdleRoutes(safety, clock.now() - sinceMs),
  };
};

/** The config `exaplug run` loads; undefined for a bad run line (no config to trust). */
function configSourceOf(options: ExabgpProcessOptions): ConfigSource | undefined {
  if (options.startupError !== undefined) return undefined;
  return { ...(options.configPath !== undefined && { path: options.configPath }), ...(options.config !== undefined && { config: options.config }) };
}

/** True when the config leaves stateDir to the per-process default (drains of exaplug before 0.2 may wait in the shared one). */
function isDefaultStateDir(config: ExaplugConfig): boolean {
  return config.stateDir === defaultControlPaths({ filepath: config.filepath, services: config.services }).stateDir;
}
