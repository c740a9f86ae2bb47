import { withGracefulShutdown, withdrawnRoutes } from '../announce/drain-routes.js';
import type { AllowedPrefix } from '../announce/allowed-prefixes.js';
import { nextAnnouncement } from '../announce/next-announcement.js';
import { planServiceRoutes } from '../announce/plan-service-routes.js';
import type { RouteIntent } from '../announce/route-intent.js';
import { isExaplugError } from '../errors.js';
import { initialHealthState, isAnnouncedState, type AnnouncedState, type HealthState } from '../health/health-state.js';
import { nextHealthState, type HealthObservation } from '../health/next-health-state.js';
import type { Logger } from '../logger.js';
import { observationOf, type CheckResult } from '../plugins/check-result.js';
import type { PreparedService } from '../plugins/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { nextCheckDelay } from '../scheduler/next-check-delay.js';
import { runCheckWithTimeout } from '../scheduler/run-check-with-timeout.js';
import type { RuntimeEvents } from './runtime-events.js';

export interface ServiceRunnerOptions {
  service: PreparedService;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /**
   * Called with the strategy's checked routes each time the announced state changes; false
   * when they were refused (nothing written), so the service must not pretend the change.
   */
  announce: (serviceName: string, intents: RouteIntent[]) => boolean;
  /** Where results, transitions and announcements are told. */
  events: RuntimeEvents;
  /** The config's allow-list, checked again at each transition. */
  allowed?: readonly AllowedPrefix[] | undefined;
  /** True when the maintenance file exists: the shell asks the filesystem (no file without it). */
  isDisabled?: (path: string) => Promise<boolean>;
  /**
   * The file whose presence drains this service (`exaplug drain` writes it, so a drain
   * survives a restart), with the drain settings.
   */
  drain?: { file: string; gracefulShutdown: boolean; withdrawAfterMs?: number | undefined };
  /** Whether the drain file exists; defaults to `isDisabled` (the runtime remembers its own drain files). */
  isDrained?: (path: string) => Promise<boolean>;
  /** The verdict of the runner this one replaces (a reload that kept the check): no rise from init, no dwell reset. */
  inherit?: RunnerVerdict | undefined;
}

/** What a runner hands its successor across a reload when the check is unchanged. */
export interface RunnerVerdict {
  state: HealthState;
  announced: AnnouncedState | undefined;
  announcedAtMs: number | undefined;
  target: AnnouncedState | undefined;
  lastResult: CheckResult | undefined;
}

/** What `exaplug` knows about one service right now. */
export interface ServiceStatus {
  name: string;
  state: HealthState;
  announced: AnnouncedState | undefined;
  lastResult: CheckResult | undefined;
  /** Drained by `exaplug drain` (its file exists); `withdrawn` once the drain withdrew the routes. */
  drained: false | 'announced' | 'withdrawn';
  /** Since when (ISO 8601) and by which verb, when drained (the runtime knows; the runner does not). */
  drain?: { by: string; since: string };
}

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
  /** True while an attempt that already timed out has still not settled. */
  private attemptStillRunning = false;
  private drained: ServiceStatus['drained'] = false;
  private isDrainedNow = false;
  private cancelDrainWithdraw: (() => void) | undefined;
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
    this.cancelDrainWithdraw?.();
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
      drained: this.drained,
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
    const drainFile = this.options.drain?.file;
    this.isDrainedNow = drainFile !== undefined && (await (this.options.isDrained ?? isDisabled)(drainFile));
    if (!this.isDrainedNow) {
      this.setDrainState(false);
      this.cancelDrainWithdraw?.();
      this.cancelDrainWithdraw = undefined;
    }
    const disabled = this.isDrainedNow || (config.disableFile !== undefined && (await isDisabled(config.disableFile)));
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

  /**
   * One attempt, unless the previous one ignored its abort signal and is still running:
   * starting another would pile up hung sockets or processes every interval.
   */
  private async attempt(): Promise<CheckResult> {
    const { service, clock } = this.options;
    if (this.attemptStillRunning) {
      return { status: 'failed', reason: `${service.checkName}: the previous attempt ignored its abort and has not finished`, durationMs: 0 };
    }
    const tracked = {
      run: (input: Parameters<typeof service.check.run>[0]) => {
        this.attemptStillRunning = true;
        const running = Promise.resolve().then(() => service.check.run(input));
        void running.then(
          () => (this.attemptStillRunning = false),
          () => (this.attemptStillRunning = false),
        );
        return running;
      },
    };
    return runCheckWithTimeout(tracked, { name: service.checkName, timeoutMs: service.config.timeout, clock });
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
    if (this.isDrainedNow && this.drained === false && this.announced === 'disabled') this.planRoutes('disabled');
    else this.settleAnnouncement();
  }

  /** Resolves once a drain is complete: announced (GRACEFUL_SHUTDOWN, disabled metrics) and, with `withdrawAfter`, withdrawn. */
  async drainSettled(): Promise<void> {
    const done = () => this.stopped || !this.isDrainedNow || this.drained === (this.options.drain?.withdrawAfterMs === undefined ? 'announced' : 'withdrawn');
    while (!done()) await new Promise<void>((resolve) => this.options.clock.setTimer(50, resolve));
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
      minDwellMs: this.isDrainedNow ? 0 : service.config.minDwell,
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
    const draining = state === 'disabled' && this.isDrainedNow;
    if (draining && this.options.drain?.gracefulShutdown) intents = withGracefulShutdown(intents);
    if (!announce(name, intents) || !transition) return;
    events.emit({ type: 'routesAnnounced', service: name, from: this.announced, to: state, routes: intents });
    this.announced = state;
    this.announcedAtMs = clock.now();
    if (draining) this.drainAnnounced(intents);
  }

  private setDrainState(drained: ServiceStatus['drained']): void {
    if (this.drained === drained) return;
    this.drained = drained;
    this.options.events.emit({ type: 'drainChanged', service: this.options.service.config.name, drained });
  }

  /** A drain's routes are out: after `withdrawAfter` (if set) the service withdraws them all. */
  private drainAnnounced(intents: RouteIntent[]): void {
    const { drain, clock, announce, service } = this.options;
    this.setDrainState('announced');
    if (drain?.withdrawAfterMs === undefined) return;
    this.cancelDrainWithdraw?.();
    this.cancelDrainWithdraw = clock.setTimer(drain.withdrawAfterMs, () => {
      this.cancelDrainWithdraw = undefined;
      if (this.stopped || !this.isDrainedNow) return;
      if (announce(service.config.name, withdrawnRoutes(intents))) this.setDrainState('withdrawn');
    });
  }
}
