import { withGracefulShutdown } from '../announce/drain-routes.js';
import { nextAnnouncement } from '../announce/next-announcement.js';
import { planServiceRoutes } from '../announce/plan-service-routes.js';
import type { RouteIntent } from '../announce/route-intent.js';
import { isExaplugError } from '../errors.js';
import { initialHealthState, isAnnouncedState, type AnnouncedState, type HealthState } from '../health/health-state.js';
import { nextHealthState, type HealthObservation } from '../health/next-health-state.js';
import type { Logger } from '../logger.js';
import { observationOf, type CheckResult } from '../plugins/check-result.js';
import { nextCheckDelay } from '../scheduler/next-check-delay.js';
import type { RunnerVerdict, ServiceRunnerOptions, ServiceStatus } from './runner-types.js';
import { RunnerDrain } from './runner-drain.js';
import { checkAttempts } from './check-attempts.js';

export type { RunnerVerdict, ServiceRunnerOptions, ServiceStatus } from './runner-types.js';

/** Without the shell's filesystem (tests), no disable file exists. */
const noFile = async () => false;

/**
 * Drives one service: check, next state, announce on change, wait, again. Rounds never
 * overlap, and nothing a plugin does can stop the loop: `runCheckWithTimeout` always settles.
 */
export class ServiceRunner {
  private readonly options: ServiceRunnerOptions;
  private state: HealthState = initialHealthState;
  private announced: AnnouncedState | undefined;
  private announcedAtMs: number | undefined;
  /** The last announced-type state health reached; announced once the dwell allows. */
  private target: AnnouncedState | undefined;
  private cancelDwell: (() => void) | undefined;
  private lastResult: CheckResult | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  /** The check, one attempt at a time (a hung attempt is not started again). */
  private readonly attempt: () => Promise<CheckResult>;
  private readonly drain: RunnerDrain;
  /** A round is running; a check asked for meanwhile runs right after it. */
  private inRound: Promise<void> | undefined;
  private againAfterRound = false;
  /** When the current or last round started, and when the next one is due: the watch's spacing. */
  private roundStartedAtMs: number | undefined;
  private nextRoundAtMs: number | undefined;
  /** The check's watch saw a change while a round ran: the next round comes at fastInterval. */
  private changedDuringRound = false;
  private readonly stopWatching = new AbortController();
  private readonly log: Logger;

  constructor(options: ServiceRunnerOptions) {
    this.options = options;
    this.log = options.logger.child({ service: options.service.config.name });
    this.attempt = checkAttempts(options.service, options.clock);
    const isDisabled = options.isDisabled ?? noFile;
    this.drain = new RunnerDrain({
      service: options.service.config.name,
      clock: options.clock,
      events: options.events,
      settings: options.drain,
      isDrained: options.isDrained ?? isDisabled,
      announce: (intents) => options.announce(options.service.config.name, intents),
    });
    const inherited = options.inherit;
    if (inherited) {
      this.state = inherited.state;
      this.announced = inherited.announced;
      this.announcedAtMs = inherited.announcedAtMs;
      this.target = inherited.target;
      this.lastResult = inherited.lastResult;
    }
  }

  /** This runner's verdict, for the runner that replaces it in a reload. */
  get verdict(): RunnerVerdict {
    return { state: this.state, announced: this.announced, announcedAtMs: this.announcedAtMs, target: this.target, lastResult: this.lastResult };
  }

  /** The service's check interval while up. */
  get intervalMs(): number {
    return this.options.service.config.timing.interval;
  }

  /** Runs the first check after `delayMs` (0: at once), and starts the check's watch if it has one. */
  start(delayMs = 0): void {
    // An inherited verdict is announced again with this config's strategy, at once: unchanged
    // routes write nothing, and a reload is not a transition, so no event (and no hook).
    if (this.announced !== undefined) this.planRoutes(this.announced, { transition: false });
    if (delayMs <= 0) void this.round();
    else this.scheduleRound(delayMs);
    this.startWatch();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatching.abort();
    this.cancelTimer?.();
    this.cancelDwell?.();
    this.drain.stop();
  }

  /** Runs a round now (`exaplug recheck`, a drain); resolves when it is done. Never overlaps a round. */
  async checkNow(): Promise<void> {
    if (this.stopped) return;
    if (this.inRound) {
      this.againAfterRound = true;
      await this.inRound;
      if (this.inRound) await this.inRound;
      return;
    }
    this.cancelTimer?.();
    await this.round();
  }

  /**
   * ExaBGP did not confirm a route of this service (an `error` ack, or none in time): what
   * it holds is unknown, so the next round announces the service's state again.
   */
  forgetAnnouncement(): void {
    this.announced = undefined;
  }

  get status(): ServiceStatus {
    return {
      name: this.options.service.config.name,
      state: this.state,
      announced: this.announced,
      lastResult: this.lastResult,
      drained: this.drain.state,
    };
  }

  private scheduleRound(delayMs: number): void {
    const { clock } = this.options;
    this.cancelTimer?.();
    this.nextRoundAtMs = clock.now() + delayMs;
    this.cancelTimer = clock.setTimer(delayMs, () => void this.round());
  }

  private startWatch(): void {
    const { check } = this.options.service;
    if (!check.watch) return;
    try {
      check.watch({ signal: this.stopWatching.signal, changed: (reason) => this.watchSawChange(reason) });
    } catch (error) {
      // A broken watch costs its speed, not the service: polling goes on.
      this.log.error({ err: error, check: this.options.service.checkName }, 'the check\'s watch failed to start; polling only');
    }
  }

  /**
   * The check's watch saw its target change: a round now, but never closer than
   * `fastInterval` to the previous one, so a watch that fires in a loop costs no more than
   * a falling service. An earlier round already due is left alone.
   */
  private watchSawChange(reason: string): void {
    if (this.stopped) return;
    this.log.debug({ reason }, 'the check saw a change: checking now');
    if (this.inRound) {
      this.changedDuringRound = true;
      return;
    }
    const now = this.options.clock.now();
    const earliest = Math.max(now, (this.roundStartedAtMs ?? -Infinity) + this.options.service.config.timing.fastInterval);
    if (this.nextRoundAtMs !== undefined && this.nextRoundAtMs <= earliest) return;
    this.scheduleRound(earliest - now);
  }

  private round(): Promise<void> {
    this.nextRoundAtMs = undefined;
    this.inRound ??= this.runRound().finally(() => {
      this.inRound = undefined;
      if (this.againAfterRound) {
        this.againAfterRound = false;
        this.cancelTimer?.();
        void this.round();
      }
    });
    return this.inRound;
  }

  private async runRound(): Promise<void> {
    if (this.stopped) return;
    const { service, clock } = this.options;
    const config = service.config;
    this.roundStartedAtMs = clock.now();
    const isDisabled = this.options.isDisabled ?? noFile;
    const drained = await this.drain.read();
    const disabled = drained || (config.disableFile !== undefined && (await isDisabled(config.disableFile)));
    let observation: HealthObservation = 'disabled';
    if (!disabled) {
      const result = await this.attempt();
      this.recordResult(result);
      observation = observationOf(result);
    }
    if (this.stopped) return;
    this.advance(observation);
    let delay = nextCheckDelay(this.state.name, config.timing, this.options.random());
    if (this.changedDuringRound) delay = Math.min(delay, Math.max(0, this.roundStartedAtMs + config.timing.fastInterval - clock.now()));
    this.changedDuringRound = false;
    this.scheduleRound(delay);
  }

  private recordResult(result: CheckResult): void {
    this.lastResult = result;
    this.options.events.emit({ type: 'checkCompleted', service: this.options.service.config.name, result });
  }

  private advance(observation: HealthObservation): void {
    const { service } = this.options;
    const previous = this.state;
    this.state = nextHealthState(previous, observation, {
      rise: service.config.rise,
      fall: service.config.fall,
      graded: service.strategy.gradesDegraded === true,
    });
    if (previous.name !== this.state.name) {
      this.options.events.emit({ type: 'healthChanged', service: service.config.name, from: previous.name, to: this.state.name });
    }
    if (isAnnouncedState(this.state.name)) this.target = this.state.name;
    // Already announced as disabled (the disable file) when the drain came: add what a drain adds.
    if (this.drain.isDrained && this.drain.state === false && this.announced === 'disabled') this.planRoutes('disabled');
    else this.settleAnnouncement();
  }

  /** Resolves once a drain is complete: announced (GRACEFUL_SHUTDOWN, disabled metrics) and, with `withdrawAfter`, withdrawn. */
  drainSettled(): Promise<void> {
    return this.drain.settled();
  }

  /** Announces the target state now, or once the dwell since the last announcement is over. */
  private settleAnnouncement(): void {
    const { service, clock } = this.options;
    const decision = nextAnnouncement({
      target: this.target,
      announced: this.announced,
      announcedAtMs: this.announcedAtMs,
      nowMs: clock.now(),
      // An operator's drain is not a flap: it goes out at once.
      minDwellMs: this.drain.isDrained ? 0 : service.config.minDwell,
    });
    if (decision.kind === 'now') this.planRoutes(decision.state);
    else if (decision.kind === 'later' && !this.cancelDwell) {
      this.cancelDwell = clock.setTimer(decision.inMs, () => {
        this.cancelDwell = undefined;
        if (!this.stopped) this.settleAnnouncement();
      });
    }
  }

  private planRoutes(state: AnnouncedState, { transition } = { transition: true }): void {
    const { service, announce, clock, allowed, events } = this.options;
    const name = service.config.name;
    let intents: RouteIntent[];
    try {
      intents = planServiceRoutes(service.strategy, { serviceName: name, prefixes: service.config.ips, state, allowed });
    } catch (error) {
      // Keep whatever was announced before: a broken strategy must not withdraw a healthy
      // service. The next round tries again.
      const code = isExaplugError(error) ? error.code : 'EXAPLUG_STRATEGY_FAILED';
      this.log.error({ err: error, code, state, strategy: service.config.strategy.use }, 'routes refused; the previous announcement stands');
      events.emit({ type: 'routesRefused', service: name, state, code, message: (error as Error)?.message ?? String(error) });
      return;
    }
    const draining = state === 'disabled' && this.drain.isDrained;
    if (draining && this.drain.gracefulShutdown) intents = withGracefulShutdown(intents);
    if (!announce(name, intents) || !transition) return;
    events.emit({ type: 'routesAnnounced', service: name, from: this.announced, to: state, routes: intents });
    this.announced = state;
    this.announcedAtMs = clock.now();
    if (draining) this.drain.announced(intents);
  }
}
