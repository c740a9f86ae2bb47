import type { ExaplugConfig } from '../config/resolve-config.js';
import { closeServices, type PreparedService } from '../loading/prepare-services.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import { createRuntime } from './create-runtime.js';
import { EarlyLines } from './early-lines.js';
import type { IdleStatus } from './idle-mode.js';
import { IdlePeriod } from './idle-period.js';
import { reasonsOf, reportLoadFailure } from './report-load-failure.js';
import type { ShellParts } from './shell-parts.js';

/** How a load ended: running, idle with why, or overtaken (stopped, or a newer load). */
export type LoadResult = 'running' | 'superseded' | { error: unknown };

/**
 * Loading the config: then running it (the lines kept meanwhile replayed), or idle with
 * why; and the lines ExaBGP writes while loading or idle.
 */
export class ConfigLoads {
  private readonly parts: ShellParts;
  private readonly early = new EarlyLines();
  private generation = 0;
  /** ExaBGP said it is shutting down (while loading, idle or running). */
  private readonly onExabgpShutdown: () => void;

  constructor(parts: ShellParts, onExabgpShutdown: () => void) {
    this.parts = parts;
    this.onExabgpShutdown = onExabgpShutdown;
  }

  /** A line while loading or idle: what still matters is kept for the runtime, and the idle mode sees it. */
  receiveEarly(line: string): void {
    this.early.add(line);
    this.parts.idle?.receiveLine(line);
    if (this.early.isShutdown) this.onExabgpShutdown();
  }

  /** Resolves once the config runs, or with what kept it from loading (exaplug is idle then). */
  load(): Promise<LoadResult> {
    const { parts } = this;
    const { logger, startupError } = parts.options;
    parts.lifecycle.set('loading');
    if (startupError !== undefined) {
      logger.fatal({ code: 'EXAPLUG_CONFIG_INVALID' }, startupError);
      this.enterIdle('startup', 'Fix the run line in exabgp.conf', [startupError]);
      return Promise.resolve({ error: startupError });
    }
    const generation = ++this.generation;
    const neighbors: NeighborTable = new Map();
    const superseded = () => parts.lifecycle.state !== 'loading' || generation !== this.generation;
    return parts.options.load(neighbors).then(
      ({ config, services }): LoadResult => {
        if (superseded()) {
          void closeServices(services);
          return 'superseded';
        }
        parts.lastLoadValid = true;
        this.run(config, services, neighbors);
        return 'running';
      },
      (error: unknown): LoadResult => {
        if (superseded()) return 'superseded';
        parts.lastLoadValid = false;
        reportLoadFailure(logger, error);
        this.enterIdle('config', 'Fix the config, then send SIGHUP or restart', reasonsOf(error), error);
        return { error };
      },
    );
  }

  /** Stops the idle mode, if idle; waits (a little) for its commands to be acknowledged. */
  async leaveIdle(): Promise<void> {
    const { parts } = this;
    const idle = parts.idle;
    parts.idle = undefined;
    await idle?.end(parts.options.clock, parts.options.idleStopMs ?? 2000);
  }

  private run(config: ExaplugConfig, loaded: PreparedService[], neighbors: NeighborTable): void {
    const { options, lifecycle } = this.parts;
    options.configLoaded?.(config);
    const services = options.prepare?.(loaded) ?? loaded;
    const runtime = createRuntime(options, { config, services, neighbors }, this.onExabgpShutdown);
    this.parts.running = { runtime, config, services };
    const dropped = this.early.dropped;
    const replay = this.early.take();
    if (replay.length > 0 || dropped > 0) options.logger.debug({ replayed: replay.length, dropped }, 'lines from exabgp while loading');
    lifecycle.set('running');
    runtime.start();
    for (const line of replay) runtime.receiveLine(line);
  }

  private enterIdle(problem: IdleStatus['problem'], advice: string, reasons: string[], error?: unknown): void {
    this.parts.idle = IdlePeriod.begin(this.parts.options, { problem, advice, reasons, error });
    this.parts.lifecycle.set('idle');
  }
}
