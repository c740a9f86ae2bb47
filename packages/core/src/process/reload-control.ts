import { ExaplugError } from '../errors.js';
import type { ReloadSummary } from '../runtime/runtime.js';
import type { ConfigLoads } from './config-loads.js';
import type { ReloadOutcome } from './exabgp-process-options.js';
import { Listeners } from './listeners.js';
import { reloadRunning } from './reload-running.js';
import type { ShellParts } from './shell-parts.js';

/**
 * Reloads of the config (SIGHUP, `exaplug reload`): applied as a diff while running,
 * a fresh load from idle, refused in any other state; each outcome told to listeners.
 */
export class ReloadControl {
  private readonly parts: ShellParts;
  private readonly loads: ConfigLoads;
  private reloading = false;
  private readonly listeners = new Listeners<[outcome: ReloadOutcome]>();

  constructor(parts: ShellParts, loads: ConfigLoads) {
    this.parts = parts;
    this.loads = loads;
  }

  /** Calls `listener` with the outcome of every reload; returns the unsubscribe. */
  onReloaded(listener: (outcome: ReloadOutcome) => void): () => void {
    return this.listeners.add(listener);
  }

  /**
   * Loads the config again. While running: the new config is validated first; a bad one
   * is refused (rejects) and the old one keeps running; a good one is applied as a diff
   * (see Runtime.reload). From idle: resolves once the config runs, rejects with its
   * problems if it still does not load.
   */
  async reloadNow(): Promise<ReloadSummary | { started: true }> {
    const attempt: { outcome: ReloadOutcome } = { outcome: 'refused' };
    try {
      const result = await this.attempt(attempt);
      attempt.outcome = 'applied';
      return result;
    } finally {
      this.listeners.emit(attempt.outcome);
    }
  }

  private async attempt(attempt: { outcome: ReloadOutcome }): Promise<ReloadSummary | { started: true }> {
    const { parts } = this;
    const { logger } = parts.options;
    const state = parts.lifecycle.state;
    const notNow = (why: string) => {
      attempt.outcome = 'skipped';
      return new ExaplugError('EXAPLUG_CONFIG_INVALID', why);
    };
    if (parts.options.startupError !== undefined) {
      logger.warn('reload: the run line in exabgp.conf is wrong; restart exaplug once it is fixed');
      throw new ExaplugError('EXAPLUG_CONFIG_INVALID', 'the run line in exabgp.conf is wrong; restart exaplug');
    }
    if (state === 'idle') return this.fromIdle(notNow);
    const running = parts.running;
    if (state !== 'running' || !running || this.reloading) {
      logger.warn({ state }, 'reload: not now');
      throw notNow(`cannot reload while ${this.reloading ? 'reloading' : state}`);
    }
    this.reloading = true;
    try {
      const applied = await reloadRunning(parts.options, running.runtime, {
        noteLoad: (valid) => (parts.lastLoadValid = valid),
        isRunning: () => parts.lifecycle.state === 'running',
      });
      if (applied === 'stopped') throw notNow('stopped while reloading');
      parts.running = { runtime: running.runtime, config: applied.config, services: applied.services };
      return applied.summary;
    } finally {
      this.reloading = false;
    }
  }

  /** Loads the config again from idle; settles once it runs, or with why it still does not load. */
  private async fromIdle(notNow: (why: string) => Error): Promise<{ started: true }> {
    this.parts.options.logger.info('reload: loading the config again');
    await this.loads.leaveIdle();
    const result = this.parts.lifecycle.state === 'idle' ? await this.loads.load() : 'superseded';
    if (result === 'superseded') throw notNow(`cannot reload while ${this.parts.lifecycle.state}`);
    if (result !== 'running') throw result.error;
    return { started: true };
  }
}
