import type { ExaplugConfig } from '../config/resolve-config.js';
import { ExaplugError } from '../errors.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import type { ReloadSummary, Runtime } from '../runtime/runtime.js';
import { createRuntime } from './create-runtime.js';
import { EarlyLines } from './early-lines.js';
import type { ExabgpProcessOptions, ProcessState, ProcessStatus, ReloadOutcome } from './exabgp-process-options.js';
import { IdlePeriod } from './idle-period.js';
import { Listeners } from './listeners.js';
import type { IdleStatus } from './idle-mode.js';
import { reloadRunning } from './reload-running.js';
import { reasonsOf, reportLoadFailure } from './report-load-failure.js';
import { uncaughtScope } from './scope-from-stack.js';
import { stopPolicy, type StopPolicy, type StopReason } from './stop-policy.js';
import { windDown } from './wind-down.js';

export type { ExabgpProcessOptions, ProcessState, ProcessStatus, ReloadOutcome, ShellLogger } from './exabgp-process-options.js';

/** How a load ended: running, idle with why, or overtaken (stopped, or a newer load). */
type LoadResult = 'running' | 'superseded' | { error: unknown };

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
  /** Set while idle: why, since when, and the idle mode. */
  private idle: IdlePeriod | undefined;
  private readonly early = new EarlyLines();
  private exabgpShuttingDown = false;
  private policy: StopPolicy | undefined;
  private loadGeneration = 0;
  private reloading = false;
  private config: ExaplugConfig | undefined;
  private readonly stateListeners = new Listeners<[state: ProcessState, previous: ProcessState]>();
  private readonly reloadListeners = new Listeners<[outcome: ReloadOutcome]>();
  private lastLoadValid: boolean | undefined;
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
      ...(this.current === 'idle' && this.idle && { idle: this.idle.status(this.options.clock.now()) }),
    };
  }

  /** Whether the last load of the config (start or reload) succeeded; undefined before the first. */
  get configValid(): boolean | undefined {
    return this.options.startupError === undefined ? this.lastLoadValid : false;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onStateChange(listener: (state: ProcessState, previous: ProcessState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  /** Calls `listener` with the outcome of every reload; returns the unsubscribe. */
  onReloaded(listener: (outcome: ReloadOutcome) => void): () => void {
    return this.reloadListeners.add(listener);
  }

  /** Loads the config, then runs, or goes idle. */
  start(): void {
    void this.load();
  }

  /** One line from ExaBGP. Read in every state: ExaBGP's writes block when nobody reads. */
  receiveLine(line: string): void {
    switch (this.current) {
      case 'loading':
      case 'idle':
        this.early.add(line);
        this.idle?.receiveLine(line);
        if (this.early.isShutdown) this.noteExabgpShutdown();
        return;
      case 'running':
      case 'stopping':
        // While stopping too: the acks to the withdraws arrive here.
        this.runtime?.receiveLine(line);
        return;
      // stopped: nothing listens any more.
    }
  }

  /** stdin reached EOF: ExaBGP is gone. */
  inputEnded(): void {
    this.stop({ kind: 'exabgp-gone' });
  }

  /** `reloadNow` for SIGHUP, where nobody waits for the answer. */
  reload(): void {
    // What a failed reload says is logged where it fails.
    void this.reloadNow().catch(() => {});
  }

  /**
   * Loads the config again (SIGHUP, `exaplug reload`). While running: the new config is
   * validated first; a bad one is refused (rejects) and the old one keeps running; a good
   * one is applied as a diff (see Runtime.reload). From idle: resolves once the config runs,
   * rejects with its problems if it still does not load.
   */
  async reloadNow(): Promise<ReloadSummary | { started: true }> {
    const attempt: { outcome: ReloadOutcome } = { outcome: 'refused' };
    try {
      const result = await this.reloadAttempt(attempt);
      attempt.outcome = 'applied';
      return result;
    } finally {
      this.reloadListeners.emit(attempt.outcome);
    }
  }

  private async reloadAttempt(attempt: { outcome: ReloadOutcome }): Promise<ReloadSummary | { started: true }> {
    const { logger } = this.options;
    const notNow = (why: string) => {
      attempt.outcome = 'skipped';
      return new ExaplugError('EXAPLUG_CONFIG_INVALID', why);
    };
    if (this.options.startupError !== undefined) {
      logger.warn('reload: the run line in exabgp.conf is wrong; restart exaplug once it is fixed');
      throw new ExaplugError('EXAPLUG_CONFIG_INVALID', 'the run line in exabgp.conf is wrong; restart exaplug');
    }
    if (this.current === 'idle') return this.reloadFromIdle(notNow);
    if (this.current !== 'running' || !this.runtime || this.reloading) {
      logger.warn({ state: this.current }, 'reload: not now');
      throw notNow(`cannot reload while ${this.reloading ? 'reloading' : this.current}`);
    }
    const runtime = this.runtime;
    this.reloading = true;
    try {
      const applied = await reloadRunning(this.options, runtime, {
        noteLoad: (valid) => (this.lastLoadValid = valid),
        isRunning: () => this.current === 'running',
      });
      if (applied === 'stopped') throw notNow('stopped while reloading');
      this.services = applied.services;
      this.config = applied.config;
      return applied.summary;
    } finally {
      this.reloading = false;
    }
  }

  /** Loads the config again from idle; settles once it runs, or with why it still does not load. */
  private async reloadFromIdle(notNow: (why: string) => Error): Promise<{ started: true }> {
    this.options.logger.info('reload: loading the config again');
    await this.leaveIdle();
    const result = this.current === 'idle' ? await this.load() : 'superseded';
    if (result === 'superseded') throw notNow(`cannot reload while ${this.current}`);
    if (result !== 'running') throw result.error;
    return { started: true };
  }

  /** The running runtime, for control requests; refused while idle or loading. */
  runtimeForControl(): Runtime {
    if (this.current === 'running' && this.runtime) return this.runtime;
    throw new ExaplugError('EXAPLUG_IDLE', `exaplug is ${this.current}: no services are running`);
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
    const shell = { leaveIdle: () => this.leaveIdle(), runtime: this.runtime, startedAtMs: this.startedAtMs, isStopping: () => this.current === 'stopping' };
    void windDown(this.options, policy, shell).then(
      () => this.finish(policy.exitCode, true),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        this.finish(policy.exitCode, false);
      },
    );
  }

  /** An exception or rejection nobody caught: logged with the plugin it came from, and survived. */
  reportUncaught(kind: 'exception' | 'rejection', error: unknown): void {
    const scope = uncaughtScope(this.services, error);
    this.options.logger.error({ err: error, ...scope }, `uncaught ${kind === 'exception' ? 'exception' : 'rejection'} (kept running)`);
  }

  private noteExabgpShutdown(): void {
    this.options.logger.info('exabgp is shutting down');
    this.stop({ kind: 'exabgp-shutdown' });
  }

  /** Resolves once the config runs, or with what kept it from loading (exaplug is idle then). */
  private load(): Promise<LoadResult> {
    const { logger, startupError } = this.options;
    this.setState('loading');
    if (startupError !== undefined) {
      logger.fatal({ code: 'EXAPLUG_CONFIG_INVALID' }, startupError);
      this.enterIdle('startup', 'Fix the run line in exabgp.conf', [startupError]);
      return Promise.resolve({ error: startupError });
    }
    const generation = ++this.loadGeneration;
    const neighbors: NeighborTable = new Map();
    const superseded = () => this.current !== 'loading' || generation !== this.loadGeneration;
    return this.options.load(neighbors).then(
      ({ config, services }): LoadResult => {
        if (superseded()) {
          void closeServices(services);
          return 'superseded';
        }
        this.lastLoadValid = true;
        this.run(config, services, neighbors);
        return 'running';
      },
      (error: unknown): LoadResult => {
        if (superseded()) return 'superseded';
        this.lastLoadValid = false;
        reportLoadFailure(logger, error);
        this.enterIdle('config', 'Fix the config, then send SIGHUP or restart', reasonsOf(error), error);
        return { error };
      },
    );
  }

  private run(config: ExaplugConfig, loaded: PreparedService[], neighbors: NeighborTable): void {
    const { logger } = this.options;
    this.options.configLoaded?.(config);
    const services = this.options.prepare?.(loaded) ?? loaded;
    this.services = services;
    this.config = config;
    this.runtime = createRuntime(this.options, { config, services, neighbors }, () => this.noteExabgpShutdown());
    const dropped = this.early.dropped;
    const replay = this.early.take();
    if (replay.length > 0 || dropped > 0) logger.debug({ replayed: replay.length, dropped }, 'lines from exabgp while loading');
    this.setState('running');
    this.runtime.start();
    for (const line of replay) this.runtime.receiveLine(line);
  }

  private enterIdle(problem: IdleStatus['problem'], advice: string, reasons: string[], error?: unknown): void {
    this.idle = IdlePeriod.begin(this.options, { problem, advice, reasons, error });
    this.setState('idle');
  }

  private async leaveIdle(): Promise<void> {
    const idle = this.idle;
    this.idle = undefined;
    await idle?.end(this.options.clock, this.options.idleStopMs ?? 2000);
  }

  private finish(code: number, flush: boolean): void {
    if (this.current === 'stopped') return;
    this.setState('stopped');
    if (flush) void this.options.sink.flushed().then(() => this.resolveExit(code));
    else this.resolveExit(code);
  }

  private setState(next: ProcessState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.stateListeners.emit(next, previous);
  }
}
