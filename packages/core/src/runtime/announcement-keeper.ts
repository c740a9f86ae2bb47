import type { AllowedPrefix, RouteIntent } from '@exaplug/protocol';
import { withGracefulShutdown } from '../announce/drain-routes.js';
import { nextAnnouncement } from '../announce/next-announcement.js';
import { isSamePlan, planServiceRoutes } from '../announce/plan-service-routes.js';
import { isExaplugError } from '../errors.js';
import { isAnnouncedState, type AnnouncedState, type HealthStateName } from '../health/health-state.js';
import type { Logger } from '../logger.js';
import type { CheckValues } from '../plugins/check-result.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import type { RunnerDrain } from './runner-drain.js';
import type { RunnerVerdict } from './runner-types.js';
import type { RuntimeEvents } from './runtime-events.js';

export interface AnnouncementKeeperOptions {
  service: PreparedService;
  clock: Clock;
  logger: Logger;
  events: RuntimeEvents;
  drain: RunnerDrain;
  allowed?: readonly AllowedPrefix[] | undefined;
  /** Writes the service's routes; false when they were refused (nothing written). */
  announce: (serviceName: string, intents: RouteIntent[]) => boolean;
  /** The check's latest values, which the strategy plans with. */
  values: () => CheckValues;
}

/** What the keeper hands the runner that replaces it in a reload. */
export type AnnouncementVerdict = Pick<RunnerVerdict, 'announced' | 'announcedAtMs' | 'target'>;

/**
 * What one service announces: its health's announced state once `minDwell` since the last
 * transition allows (flap damping), and the same state planned again when the check's
 * values change the routes. A re-plan writes only routes that differ, at most once per
 * `minDwell`, and never holds back a transition (it is timed from transitions, not the reverse).
 */
export class AnnouncementKeeper {
  private readonly options: AnnouncementKeeperOptions;
  private announced: AnnouncedState | undefined;
  private announcedAtMs: number | undefined;
  /** The last announced-type state health reached; announced once the dwell allows. */
  private target: AnnouncedState | undefined;
  /** The routes last written for `announced`: a re-plan that equals them writes nothing. */
  private routes: RouteIntent[] = [];
  private replannedAtMs: number | undefined;
  private cancelDwell: (() => void) | undefined;
  private cancelReplan: (() => void) | undefined;

  constructor(options: AnnouncementKeeperOptions, inherited?: AnnouncementVerdict) {
    this.options = options;
    this.announced = inherited?.announced;
    this.announcedAtMs = inherited?.announcedAtMs;
    this.target = inherited?.target;
  }

  get verdict(): AnnouncementVerdict {
    return { announced: this.announced, announcedAtMs: this.announcedAtMs, target: this.target };
  }

  get state(): AnnouncedState | undefined {
    return this.announced;
  }

  /**
   * An inherited verdict is announced again with this config's strategy, at once: unchanged
   * routes write nothing, and a reload is not a transition, so no event (and no hook).
   */
  restate(): void {
    if (this.announced !== undefined) this.write(this.announced, false);
  }

  /** Health reached a state: announce it now, or once the dwell allows. */
  follow(health: HealthStateName): void {
    if (isAnnouncedState(health)) this.target = health;
    const { drain } = this.options;
    // Already announced as disabled (the disable file) when the drain came: add what a drain adds.
    if (drain.isDrained && drain.state === false && this.announced === 'disabled') this.write('disabled');
    else this.settle();
  }

  /** The check's values changed: plan the announced state again and write the routes if they differ. */
  replan(): void {
    const { announced } = this;
    if (announced === undefined || this.target !== announced || this.options.drain.isDrained || this.cancelReplan) return;
    const intents = this.routesFor(announced);
    if (intents === undefined || isSamePlan(intents, this.routes)) return;
    const { clock, service, announce, logger } = this.options;
    const waitMs = Math.max(this.announcedAtMs ?? -Infinity, this.replannedAtMs ?? -Infinity) + service.config.minDwell - clock.now();
    if (waitMs > 0) {
      this.cancelReplan = clock.setTimer(waitMs, () => {
        this.cancelReplan = undefined;
        this.replan();
      });
      return;
    }
    if (!announce(service.config.name, intents)) return;
    this.routes = intents;
    this.replannedAtMs = clock.now();
    logger.info({ state: announced, values: this.options.values() }, 'the check\'s values changed the routes: announced again');
  }

  /** ExaBGP did not confirm a route: what it holds is unknown, so the next round announces again. */
  forget(): void {
    this.announced = undefined;
    this.routes = [];
  }

  stop(): void {
    this.cancelDwell?.();
    this.cancelReplan?.();
  }

  private settle(): void {
    const { service, clock, drain } = this.options;
    const decision = nextAnnouncement({
      target: this.target,
      announced: this.announced,
      announcedAtMs: this.announcedAtMs,
      nowMs: clock.now(),
      // An operator's drain is not a flap: it goes out at once.
      minDwellMs: drain.isDrained ? 0 : service.config.minDwell,
    });
    if (decision.kind === 'now') this.write(decision.state);
    else if (decision.kind === 'later' && !this.cancelDwell) {
      this.cancelDwell = clock.setTimer(decision.inMs, () => {
        this.cancelDwell = undefined;
        this.settle();
      });
    }
  }

  /** The strategy's routes for a state, with GRACEFUL_SHUTDOWN while drained; undefined when refused. */
  private routesFor(state: AnnouncedState): RouteIntent[] | undefined {
    const { service, allowed, events, logger, drain } = this.options;
    const name = service.config.name;
    try {
      const intents = planServiceRoutes(service.strategy, { serviceName: name, prefixes: service.config.ips, state, allowed, values: this.options.values() });
      return state === 'disabled' && drain.isDrained && drain.gracefulShutdown ? withGracefulShutdown(intents) : intents;
    } catch (error) {
      // Keep whatever was announced before: a broken strategy must not withdraw a healthy
      // service. The next round tries again.
      const code = isExaplugError(error) ? error.code : 'EXAPLUG_STRATEGY_FAILED';
      logger.error({ err: error, code, state, strategy: service.config.strategy.use }, 'routes refused; the previous announcement stands');
      events.emit({ type: 'routesRefused', service: name, state, code, message: (error as Error)?.message ?? String(error) });
      return undefined;
    }
  }

  private write(state: AnnouncedState, transition = true): void {
    const { service, announce, clock, events, drain } = this.options;
    const intents = this.routesFor(state);
    if (intents === undefined || !announce(service.config.name, intents)) return;
    this.routes = intents;
    if (!transition) return;
    events.emit({ type: 'routesAnnounced', service: service.config.name, from: this.announced, to: state, routes: intents });
    this.announced = state;
    this.announcedAtMs = clock.now();
    if (state === 'disabled' && drain.isDrained) drain.announced(intents);
  }
}
