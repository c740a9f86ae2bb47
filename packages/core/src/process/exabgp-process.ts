import type { ExaplugConfig } from '../config/resolve-config.js';
import { ExaplugError } from '../errors.js';
import type { ReloadSummary, Runtime } from '../runtime/runtime.js';
import { ConfigLoads } from './config-loads.js';
import type { ExabgpProcessOptions, ProcessState, ProcessStatus, ReloadOutcome } from './exabgp-process-options.js';
import { ProcessLifecycle } from './process-lifecycle.js';
import { ReloadControl } from './reload-control.js';
import { uncaughtScope } from './scope-from-stack.js';
import type { ShellParts } from './shell-parts.js';
import { StopControl } from './stop-control.js';
import type { StopReason } from './stop-policy.js';

export type { ExabgpProcessOptions, ProcessState, ProcessStatus, ReloadOutcome, ShellLogger } from './exabgp-process-options.js';

/**
 * The ExaBGP process around a Runtime, with an explicit lifecycle:
 * `loading → running | idle`, `idle → loading` (reload), any → `stopping → stopped`.
 * It never exits on its own while ExaBGP lives: an invalid config leaves it idle, reading
 * stdin, because ExaBGP gives up after 5 respawns in 64 s and drops every session.
 * Knows nothing of `process`: lines, signals and EOF come in through its methods. A façade
 * over its parts: `ConfigLoads` (load, run or idle), `ReloadControl`, `StopControl` and
 * the `ProcessLifecycle`.
 */
export class ExabgpProcess {
  private readonly parts: ShellParts;
  private readonly loads: ConfigLoads;
  private readonly reloads: ReloadControl;
  private readonly stops: StopControl;

  constructor(options: ExabgpProcessOptions) {
    this.parts = { options, lifecycle: new ProcessLifecycle(), running: undefined, idle: undefined, lastLoadValid: undefined, startedAtMs: options.clock.now() };
    this.loads = new ConfigLoads(this.parts, () => {
      options.logger.info('exabgp is shutting down');
      this.stop({ kind: 'exabgp-shutdown' });
    });
    this.reloads = new ReloadControl(this.parts, this.loads);
    this.stops = new StopControl(this.parts, () => this.loads.leaveIdle());
  }

  get state(): ProcessState {
    return this.parts.lifecycle.state;
  }

  /** Resolves with the exit code once stopped. */
  get exited(): Promise<number> {
    return this.parts.lifecycle.exited;
  }

  get status(): ProcessStatus {
    const { options, running, idle, lifecycle } = this.parts;
    const watchdog = options.watchdogStatus?.();
    return {
      state: lifecycle.state,
      services: running?.runtime.status ?? [],
      ...(running && { exabgp: running.runtime.exabgp }),
      ...(watchdog && { watchdog }),
      ...(lifecycle.state === 'idle' && idle && { idle: idle.status(options.clock.now()) }),
    };
  }

  /** Whether the last load of the config (start or reload) succeeded; undefined before the first. */
  get configValid(): boolean | undefined {
    return this.parts.options.startupError === undefined ? this.parts.lastLoadValid : false;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onStateChange(listener: (state: ProcessState, previous: ProcessState) => void): () => void {
    return this.parts.lifecycle.onChange(listener);
  }

  /** Calls `listener` with the outcome of every reload; returns the unsubscribe. */
  onReloaded(listener: (outcome: ReloadOutcome) => void): () => void {
    return this.reloads.onReloaded(listener);
  }

  /** Loads the config, then runs, or goes idle. */
  start(): void {
    void this.loads.load();
  }

  /** One line from ExaBGP. Read in every state: ExaBGP's writes block when nobody reads. */
  receiveLine(line: string): void {
    switch (this.parts.lifecycle.state) {
      case 'loading':
      case 'idle':
        this.loads.receiveEarly(line);
        return;
      case 'running':
      case 'stopping':
        // While stopping too: the acks to the withdraws arrive here.
        this.parts.running?.runtime.receiveLine(line);
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

  /** Loads the config again (SIGHUP, `exaplug reload`): see `ReloadControl.reloadNow`. */
  reloadNow(): Promise<ReloadSummary | { started: true }> {
    return this.reloads.reloadNow();
  }

  /** The running runtime, for control requests; refused while idle or loading. */
  runtimeForControl(): Runtime {
    const { lifecycle, running } = this.parts;
    if (lifecycle.state === 'running' && running) return running.runtime;
    throw new ExaplugError('EXAPLUG_IDLE', `exaplug is ${lifecycle.state}: no services are running`);
  }

  /** The loaded config (undefined while idle or before the first load). */
  get loadedConfig(): ExaplugConfig | undefined {
    return this.parts.running?.config;
  }

  /** Stops (see `StopControl.stop`). */
  stop(reason: StopReason): void {
    this.stops.stop(reason);
  }

  /** An exception or rejection nobody caught: logged with the plugin it came from, and survived. */
  reportUncaught(kind: 'exception' | 'rejection', error: unknown): void {
    const scope = uncaughtScope(this.parts.running?.services ?? [], error);
    this.parts.options.logger.error({ err: error, ...scope }, `uncaught ${kind === 'exception' ? 'exception' : 'rejection'} (kept running)`);
  }
}
