import { ConfigError } from '../config/config-error.js';
import { isExaplugError } from '../errors.js';
import { coreVersion } from '../plugins/core-version.js';
import { loadServices } from '../plugins/load-services.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import { Runtime } from '../runtime/runtime.js';
import { createLogger, type LogLevel } from './create-logger.js';
import { onProcessSignals } from './process-signals.js';
import { readStdinLines } from './stdin-line-source.js';
import { createStdoutLineSink } from './stdout-line-sink.js';
import { systemClock } from './system-clock.js';

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
}

/** Lines kept from ExaBGP while the config loads, so an early `state up` is not lost. */
const maxEarlyLines = 1000;
/** A stop that takes longer than this ends in an exit anyway: ExaBGP 4.2 waits for us forever. */
const hardStopMs = 5000;

/**
 * The ExaBGP process: wires stdin, stdout, signals and the logger to a Runtime.
 * Resolves with the exit code once stopped. It never exits on its own accord while
 * ExaBGP lives: an invalid config leaves it idle (reading stdin, announcing nothing)
 * because ExaBGP gives up after 5 respawns in 64 s and drops every session.
 */
export function runExabgpProcess(options: ExabgpProcessOptions): Promise<number> {
  const logger = createLogger({ level: options.logLevel ?? 'info', ...(options.pretty !== undefined && { pretty: options.pretty }) });
  const sink = createStdoutLineSink(logger);
  let runtime: Runtime | undefined;
  let loading: Promise<void> | undefined;
  const early: string[] = [];
  let finished = false;

  return new Promise<number>((resolveExit) => {
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      removeSignals();
      stopReading();
      void sink.flushed().then(() => resolveExit(code));
    };

    const stop = (reason: string, withdraw: boolean, maxWaitMs: number) => {
      logger.info({ reason }, 'stopping');
      const forced = setTimeout(() => {
        logger.warn({ reason }, 'stop took too long; exiting');
        finish(0);
      }, hardStopMs);
      forced.unref();
      const stopping = runtime ? runtime.stop({ withdraw: withdraw && !sink.closed, maxWaitMs }) : Promise.resolve();
      void stopping.then(
        () => finish(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          finish(0);
        },
      );
    };

    const start = async () => {
      if (options.startupError !== undefined) {
        logger.fatal({ code: 'EXAPLUG_CONFIG_INVALID' }, options.startupError);
        logger.fatal('exaplug is idle: it announces nothing and keeps reading ExaBGP. Fix the run line in exabgp.conf');
        return;
      }
      try {
        const neighbors: NeighborTable = new Map();
        const { config, services } = await loadServices(
          { ...(options.configPath !== undefined && { path: options.configPath }), ...(options.config !== undefined && { config: options.config }) },
          logger,
          neighbors,
        );
        if (!options.logLevel) logger.level = config.log.level;
        if (finished) return;
        runtime = new Runtime({
          config,
          services,
          sink,
          clock: systemClock,
          logger,
          neighbors,
          onShutdownMessage: () => stop('exabgp shutdown message', true, 500),
        });
        logger.info(
          {
            version: coreVersion,
            config: config.filepath,
            services: services.map((s) => ({ name: s.config.name, ips: s.config.ips, check: s.checkName })),
          },
          'exaplug started',
        );
        runtime.start();
        for (const line of early.splice(0)) runtime.receiveLine(line);
      } catch (error) {
        reportStartFailure(error);
      } finally {
        loading = undefined;
      }
    };

    const reportStartFailure = (error: unknown) => {
      if (error instanceof ConfigError) {
        for (const issue of error.issues) logger.fatal({ code: error.code, file: error.filepath }, issue);
      } else {
        logger.fatal({ err: error, code: isExaplugError(error) ? error.code : undefined }, 'cannot start');
      }
      logger.fatal('exaplug is idle: it announces nothing and keeps reading ExaBGP. Fix the config, then send SIGHUP or restart');
    };

    const stopReading = readStdinLines(
      {
        onLine(line) {
          if (runtime) runtime.receiveLine(line);
          else if (early.push(line) > maxEarlyLines) early.shift();
        },
        onEnd: () => stop('stdin closed: exabgp is gone', false, 0),
      },
      (error) => logger.error({ err: error }, 'error while handling a line from exabgp'),
    );

    const removeSignals = onProcessSignals({
      stop: (signal) => (finished ? undefined : stop(signal, true, 2000)),
      reload: () => {
        if (runtime || loading || options.startupError !== undefined) {
          logger.warn('SIGHUP: already running; restart the process to apply a new config');
          return;
        }
        logger.info('SIGHUP: loading the config again');
        loading = start();
      },
    });

    process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception (kept running)'));
    process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection (kept running)'));

    loading = start();
  });
}
