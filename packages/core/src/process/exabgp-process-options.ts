import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { LineSink } from '../runtime/line-sink.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import type { Runtime, RuntimeOptions } from '../runtime/runtime.js';
import type { ServiceStatus } from '../runtime/service-runner.js';
import type { Clock } from '../scheduler/clock.js';
import type { CreateIdleMode, IdleStatus } from './idle-mode.js';

/** Where the process is in its life. `idle`: the config does not load; stdin is still read. */
export type ProcessState = 'loading' | 'idle' | 'running' | 'stopping' | 'stopped';

/** The logger the shell needs: pino's, with `fatal` for what leaves exaplug idle. */
export type ShellLogger = Logger & { fatal(obj: object | string, msg?: string): void };

export interface ExabgpProcessOptions {
  logger: ShellLogger;
  /** The only writer of ExaBGP's stdin; `closed` once ExaBGP has gone (EPIPE). */
  sink: LineSink & { readonly closed: boolean };
  clock: Clock;
  /** Loads the config and prepares the services, handing checks the neighbor table. */
  load(neighbors: NeighborTable): Promise<{ config: ExaplugConfig; services: PreparedService[] }>;
  /** Called with each config that loads, before anything runs (log level, limits). */
  configLoaded?(config: ExaplugConfig): void;
  /** Wraps the services before they run (plugin scope, activity probes). */
  prepare?(services: PreparedService[]): PreparedService[];
  /** Kills what checks left running (process groups); awaited before exit. */
  reapChildren?(): Promise<unknown>;
  /** A problem found before the config could be looked at (a bad flag in the run line): idle at once. */
  startupError?: string;
  /** Behaviour while idle (the seam for talking to ExaBGP with an invalid config). */
  createIdleMode?: CreateIdleMode;
  /** What the composition root adds to each Runtime (interface addresses, drain files). */
  runtimeOptions?(config: ExaplugConfig): Partial<RuntimeOptions>;
  /** Extra facts for `status` (event-loop lag, memory). */
  watchdogStatus?(): Record<string, unknown>;
  /** A stop that takes longer than this exits anyway: ExaBGP 4.2 waits for its processes forever. */
  hardStopMs?: number;
  /** How long an idle mode's `stop` may take. */
  idleStopMs?: number;
}

/** What `status` shows: enough for a control socket or a metrics scrape. */
export interface ProcessStatus {
  state: ProcessState;
  services: ServiceStatus[];
  exabgp?: Runtime['exabgp'];
  watchdog?: Record<string, unknown>;
  /** While idle: why, since when, and what happens to the routes a previous exaplug left. */
  idle?: IdleStatus;
}

/**
 * How a reload (SIGHUP, `exaplug reload`) ended: `applied` (or, from idle, the config now
 * runs), `refused` (the config does not load; the running one stays, or exaplug stays
 * idle), `skipped` (not now: loading, stopping, or another reload under way).
 */
export type ReloadOutcome = 'applied' | 'refused' | 'skipped';
