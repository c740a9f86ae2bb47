import { dirname } from 'node:path';
import { ConfigError, describeProblem } from '../config/config-error.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import { ExaplugError, isExaplugError } from '../errors.js';
import type { Logger } from '../logger.js';
import { coreVersion } from '../plugins/core-version.js';
import { currentPluginScope, type PluginScope } from '../plugins/plugin-scope.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import type { LineSink } from '../runtime/line-sink.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import { Runtime, type ReloadSummary, type RuntimeOptions } from '../runtime/runtime.js';
import type { ServiceStatus } from '../runtime/service-runner.js';
import type { Clock } from '../scheduler/clock.js';
import { EarlyLines } from './early-lines.js';
import type { CreateIdleMode, IdleMode } from './idle-mode.js';
import { stopPolicy, type StopPolicy, type StopReason } from './stop-policy.js';

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
}

type StateListener = (state: ProcessState, previous: ProcessState) => void;

/**
 * The ExaBGP process around a Runtime, with an explicit lifecycle:
 * `loading → running | idle`, `idle → loading` (reload), any → `stopping → stopped`.
 * It never exits on its own while ExaBGP lives: an invalid config leaves it idle, reading
 * stdin, because ExaBGP gives up after 5 respawns in 64 s and drops every session.
 * Knows nothing of `process`: lines, signals and EOF come in through its methods.
 */
export class ExabgpProcess {
  private readonly options: ExabgpProcessOptions;
  private current: ProcessState = 'loading';
  private runtime: Runtime | undefined;
  private services: PreparedService[] = [];
  private idleMode: IdleMode | undefined;
  private readonly early = new EarlyLines();
  private exabgpShuttingDown = false;
  private policy: StopPolicy | undefined;
  private loadGeneration = 0;
  private reloading = false;
  private config: ExaplugConfig | undefined;
  private readonly listeners = new Set<StateListener>();
  private readonly startedAtMs: number;
  private resolveExit: (code: number) => void = () => {};
  /** Resolves with the exit code once stopped. */
  readonly exited: Promise<number> = new Promise((resolve) => (this.resolveExit = resolve));

  constructor(options: ExabgpProcessOptions) {
    this.options = options;
    this.startedAtMs = options.clock.now();
  }

  get state(): ProcessState {
    return this.current;
  }

  get status(): ProcessStatus {
    const watchdog = this.options.watchdogStatus?.();
    return {
      state: this.current,
      services: this.runtime?.status ?? [],
      ...(this.runtime && { exabgp: this.runtime.exabgp }),
      ...(watchdog && { watchdog }),
    };
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads the config, then runs, or goes idle. */
  start(): void {
    this.load();
  }

  /** One line from ExaBGP. Read in every state: ExaBGP's writes block when nobody reads. */
  receiveLine(line: string): void {
    switch (this.current) {
      case 'loading':
      case 'idle':
        this.early.add(line);
        this.idleMode?.receiveLine(line);
        if (this.early.isShutdown) this.noteExabgpShutdown();
        return;
      case 'running':
      case 'stopping':
        // While stopping too: the acks to the withdraws arrive here.
        this.runtime?.receiveLine(line);
        return;
      case 'stopped':
        return;
    }
  }

  /** stdin reached EOF: ExaBGP is gone. */
  inputEnded(): void {
    this.stop({ kind: 'exabgp-gone' });
  }

  /**
   * Loads the config again (SIGHUP, `exaplug reload`). From idle: starts if it is valid now.
   * While running: the new config is validated first; a bad one is refused and the old one
   * keeps running; a good one is applied as a diff (see Runtime.reload).
   */
  reload(): void {
    void this.reloadNow().then(
      () => {},
      () => {},
    );
  }

  /** `reload`, for the control socket: resolves with what changed, rejects with the refusal. */
  async reloadNow(): Promise<ReloadSummary | { started: true }> {
    const { logger } = this.options;
    if (this.options.startupError !== undefined) {
      logger.warn('reload: the run line in exabgp.conf is wrong; restart exaplug once it is fixed');
      throw new ExaplugError('EXAPLUG_CONFIG_INVALID', 'the run line in exabgp.conf is wrong; restart exaplug');
    }
    if (this.current === 'idle') {
      logger.info('reload: loading the config again');
      await this.leaveIdle();
      if (this.current === 'idle') this.load();
      return { started: true };
    }
    if (this.current !== 'running' || !this.runtime || this.reloading) {
      logger.warn({ state: this.current }, 'reload: not now');
      throw new ExaplugError('EXAPLUG_CONFIG_INVALID', `cannot reload while ${this.reloading ? 'reloading' : this.current}`);
    }
    const runtime = this.runtime;
    this.reloading = true;
    try {
      logger.info('reload: validating the new config');
      let loaded;
      try {
        loaded = await this.options.load(runtime.neighbors);
      } catch (error) {
        this.reportLoadFailure(error);
        logger.error('reload refused: the running config stays');
        throw error;
      }
      if (this.current !== 'running') {
        await closeServices(loaded.services);
        throw new ExaplugError('EXAPLUG_CONFIG_INVALID', 'stopped while reloading');
      }
      this.options.configLoaded?.(loaded.config);
      const services = this.options.prepare?.(loaded.services) ?? loaded.services;
      const summary = await runtime.reload(loaded.config, services);
      this.services = services;
      this.config = loaded.config;
      return summary;
    } finally {
      this.reloading = false;
    }
  }

  /** The running runtime, for control requests; refused while idle or loading. */
  runtimeForControl(): Runtime {
    if (this.current !== 'running' || !this.runtime) {
      throw new ExaplugError('EXAPLUG_CONTROL_REQUEST', `exaplug is ${this.current}: no services are running`);
    }
    return this.runtime;
  }

  /** The loaded config (undefined while idle or before the first load). */
  get loadedConfig(): ExaplugConfig | undefined {
    return this.config;
  }

  /**
   * Stops: withdraws or not as the reason requires, closes the checks, exits. A second
   * request while stopping (a second signal, ExaBGP's SIGTERM after its `shutdown`,
   * stdin EOF) exits at once.
   */
  stop(reason: StopReason): void {
    const { logger } = this.options;
    if (this.current === 'stopped') return;
    if (reason.kind === 'exabgp-shutdown') this.exabgpShuttingDown = true;
    const policy = stopPolicy(reason, this.exabgpShuttingDown);
    if (this.current === 'stopping') {
      logger.info({ reason: policy.description, stopping: this.policy?.description }, 'stopping now');
      this.finish(this.policy?.exitCode ?? 0, false);
      return;
    }
    this.policy = policy;
    logger.info({ reason: policy.description }, 'stopping');
    this.setState('stopping');
    void this.windDown(policy).then(
      () => this.finish(policy.exitCode, true),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        this.finish(policy.exitCode, false);
      },
    );
  }

  /** An exception or rejection nobody caught: logged with the plugin it came from, and survived. */
  reportUncaught(kind: 'exception' | 'rejection', error: unknown): void {
    const scope = currentPluginScope() ?? this.scopeFromStack(error);
    this.options.logger.error({ err: error, ...scope }, `uncaught ${kind === 'exception' ? 'exception' : 'rejection'} (kept running)`);
  }

  private noteExabgpShutdown(): void {
    this.options.logger.info('exabgp is shutting down');
    this.stop({ kind: 'exabgp-shutdown' });
  }

  private load(): void {
    const { logger, startupError } = this.options;
    this.setState('loading');
    if (startupError !== undefined) {
      logger.fatal({ code: 'EXAPLUG_CONFIG_INVALID' }, startupError);
      this.enterIdle('startup', 'Fix the run line in exabgp.conf');
      return;
    }
    const generation = ++this.loadGeneration;
    const neighbors: NeighborTable = new Map();
    void this.options.load(neighbors).then(
      ({ config, services }) => {
        if (this.current !== 'loading' || generation !== this.loadGeneration) {
          void closeServices(services);
          return;
        }
        this.run(config, services, neighbors);
      },
      (error: unknown) => {
        if (this.current !== 'loading' || generation !== this.loadGeneration) return;
        this.reportLoadFailure(error);
        this.enterIdle('config', 'Fix the config, then send SIGHUP or restart', error);
      },
    );
  }

  private run(config: ExaplugConfig, loaded: PreparedService[], neighbors: NeighborTable): void {
    const { logger, sink, clock } = this.options;
    this.options.configLoaded?.(config);
    const services = this.options.prepare?.(loaded) ?? loaded;
    this.services = services;
    this.config = config;
    this.runtime = new Runtime({
      ...this.options.runtimeOptions?.(config),
      config,
      services,
      sink,
      clock,
      logger,
      neighbors,
      onShutdownMessage: () => this.noteExabgpShutdown(),
    });
    logger.info(
      {
        version: coreVersion,
        config: config.filepath,
        services: services.map((s) => ({ name: s.config.name, ips: s.config.ips, check: s.checkName })),
      },
      'exaplug started',
    );
    const dropped = this.early.dropped;
    const replay = this.early.take();
    if (replay.length > 0 || dropped > 0) logger.debug({ replayed: replay.length, dropped }, 'lines from exabgp while loading');
    this.setState('running');
    this.runtime.start();
    for (const line of replay) this.runtime.receiveLine(line);
  }

  private enterIdle(problem: 'config' | 'startup', advice: string, error?: unknown): void {
    const { logger, sink, clock } = this.options;
    logger.fatal(`exaplug is idle: it announces nothing and keeps reading ExaBGP. ${advice}`);
    this.setState('idle');
    this.idleMode = this.options.createIdleMode?.({ sink, logger, clock, problem, ...(error !== undefined && { error }) });
  }

  private async leaveIdle(): Promise<void> {
    const idle = this.idleMode;
    this.idleMode = undefined;
    if (idle) await this.bounded(Promise.resolve().then(() => idle.stop()), this.options.idleStopMs ?? 2000);
  }

  private async windDown(policy: StopPolicy): Promise<void> {
    const { logger, clock, sink } = this.options;
    const closing = (async () => {
      await this.leaveIdle();
      await this.runtime?.stop({ withdraw: policy.withdraw && !sink.closed, maxWaitMs: policy.maxAckWaitMs });
      await this.options.reapChildren?.();
    })();
    if (!(await this.bounded(closing, this.options.hardStopMs ?? 5000))) {
      logger.warn({ reason: policy.description }, 'stop took too long; exiting');
    }
    const waitMs = policy.minUptimeMs - (clock.now() - this.startedAtMs);
    if (waitMs > 0 && this.current === 'stopping') {
      logger.warn({ waitMs: Math.round(waitMs) }, 'waiting before exiting: ExaBGP gives up after 5 respawns in 64 s');
      await new Promise<void>((resolve) => clock.setTimer(waitMs, resolve));
    }
  }

  /** True if `work` settled within `ms`. */
  private bounded(work: Promise<unknown>, ms: number): Promise<boolean> {
    let cancel = () => {};
    const late = new Promise<boolean>((resolve) => (cancel = this.options.clock.setTimer(ms, () => resolve(false))));
    return Promise.race([work.then(() => true), late]).finally(cancel);
  }

  private finish(code: number, flush: boolean): void {
    if (this.current === 'stopped') return;
    this.setState('stopped');
    if (!flush) {
      this.resolveExit(code);
      return;
    }
    void this.options.sink.flushed().then(() => this.resolveExit(code));
  }

  private setState(next: ProcessState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  private reportLoadFailure(error: unknown): void {
    const { logger } = this.options;
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        const cause = problem.cause !== undefined ? { err: problem.cause } : {};
        logger.fatal({ code: problem.code, path: problem.path, file: error.filepath, ...cause }, describeProblem(problem));
      }
    } else {
      logger.fatal({ err: error, code: isExaplugError(error) ? error.code : undefined }, 'cannot start');
    }
  }

  /** For errors thrown outside any plugin scope: the plugin whose files appear in the stack. */
  private scopeFromStack(error: unknown): PluginScope | undefined {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    const match = this.services.find((s) => s.checkOrigin.file !== undefined && stack.includes(dirname(s.checkOrigin.file)));
    return match && { service: match.config.name, plugin: match.checkName };
  }
}
