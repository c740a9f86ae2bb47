import { access } from 'node:fs/promises';
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
  /** The config's allow-list, checked again at each transition. */
  allowed?: readonly AllowedPrefix[] | undefined;
  /** True when the maintenance file exists; injected for tests. */
  isDisabled?: (path: string) => Promise<boolean>;
}

/** What `exaplug` knows about one service right now. */
export interface ServiceStatus {
  name: string;
  state: HealthState;
  announced: AnnouncedState | undefined;
  lastResult: CheckResult | undefined;
}

const fileExists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

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
  private readonly log: Logger;

  constructor(options: ServiceRunnerOptions) {
    this.options = options;
    this.log = options.logger.child({ service: options.service.config.name });
  }

  /** Runs the first check at once. */
  start(): void {
    void this.round();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelDwell?.();
  }

  /**
   * ExaBGP did not confirm a route of this service (an `error` ack, or none in time): what
   * it holds is unknown, so the next round announces the service's state again.
   */
  forgetAnnouncement(): void {
    this.announced = undefined;
  }

  get status(): ServiceStatus {
    return { name: this.options.service.config.name, state: this.state, announced: this.announced, lastResult: this.lastResult };
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const { service, clock } = this.options;
    const config = service.config;
    const isDisabled = this.options.isDisabled ?? fileExists;
    const disabled = config.disableFile !== undefined && (await isDisabled(config.disableFile));
    let observation: HealthObservation = 'disabled';
    if (!disabled) {
      const result = await this.attempt();
      this.recordResult(result);
      observation = observationOf(result);
    }
    if (this.stopped) return;
    this.advance(observation);
    const delay = nextCheckDelay(this.state.name, config.timing, this.options.random());
    this.cancelTimer = clock.setTimer(delay, () => void this.round());
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
    const previous = this.lastResult;
    this.lastResult = result;
    const fields = { status: result.status, reason: result.reason, durationMs: Math.round(result.durationMs ?? 0) };
    // A change of verdict is news; the same verdict again is detail.
    if (previous?.status !== result.status) this.log.info(fields, 'check result changed');
    else this.log.debug(fields, 'check completed');
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
      this.log.info({ from: previous.name, to: this.state.name }, 'health changed');
    }
    if (isAnnouncedState(this.state.name)) this.target = this.state.name;
    this.settleAnnouncement();
  }

  /** Announces the target state now, or once the dwell since the last announcement is over. */
  private settleAnnouncement(): void {
    const { service, clock } = this.options;
    const decision = nextAnnouncement({
      target: this.target,
      announced: this.announced,
      announcedAtMs: this.announcedAtMs,
      nowMs: clock.now(),
      minDwellMs: service.config.minDwell,
    });
    if (decision.kind === 'now') this.planRoutes(decision.state);
    else if (decision.kind === 'later' && !this.cancelDwell) {
      this.cancelDwell = clock.setTimer(decision.inMs, () => {
        this.cancelDwell = undefined;
        if (!this.stopped) this.settleAnnouncement();
      });
    }
  }

  private planRoutes(state: AnnouncedState): void {
    const { service, announce, clock, allowed } = this.options;
    const name = service.config.name;
    let intents: RouteIntent[];
    try {
      intents = planServiceRoutes(service.strategy, { serviceName: name, prefixes: service.config.ips, state, allowed });
    } catch (error) {
      // Keep whatever was announced before: a broken strategy must not withdraw a healthy
      // service. The next round tries again.
      const code = isExaplugError(error) ? error.code : 'EXAPLUG_STRATEGY_FAILED';
      this.log.error({ err: error, code, state, strategy: service.config.strategy.use }, 'routes refused; the previous announcement stands');
      return;
    }
    if (!announce(name, intents)) return;
    this.announced = state;
    this.announcedAtMs = clock.now();
  }
}
