import type { ServiceConfig } from '../config/resolve-config.js';
import type { HealthObservation } from '../health/next-health-state.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Logger } from '../logger.js';
import { observationOf } from '../plugins/check-result.js';
import type { CheckWatchEvidence } from '../plugins/define-check.js';
import { nextCheckDelay } from '../scheduler/next-check-delay.js';
import { AnnouncementKeeper } from './announcement-keeper.js';
import { checkAttempts } from './check-attempts.js';
import { RoundScheduler } from './round-scheduler.js';
import { RunnerDrain } from './runner-drain.js';
import { RunnerHealth } from './runner-health.js';
import type { RunnerVerdict, ServiceRunnerOptions, ServiceStatus } from './runner-types.js';

export type { RunnerVerdict, ServiceRunnerOptions, ServiceStatus } from './runner-types.js';

/** Without the shell's filesystem (tests), no disable file exists. */
const noFile = async () => false;

/**
 * Whether a failed round after the watch saw connections refused is the whole fall
 * (`refusedIsDown`, on unless the config turns it off).
 */
function isRefusedDown(config: ServiceConfig): boolean {
  // Configs made by hand (tests, `plan`) may leave it out: on, as the schema's default.
  return config.refusedIsDown !== false;
}

/**
 * Drives one service: check, next state, announce on change, wait, again. Rounds never
 * overlap (RoundScheduler), and nothing a plugin does can stop the loop:
 * `runCheckWithTimeout` always settles. Health, announcements and the drain each have
 * their own keeper; this wires them to the rounds and to the check's watch.
 */
export class ServiceRunner {
  private readonly options: ServiceRunnerOptions;
  private readonly health: RunnerHealth;
  private readonly keeper: AnnouncementKeeper;
  private readonly drain: RunnerDrain;
  private readonly rounds: RoundScheduler;
  /** The check, one attempt at a time (a hung attempt is not started again). */
  private readonly attempt: ReturnType<typeof checkAttempts>;
  /** Aborted at stop: the watch's signal, and whether this runner is stopped. */
  private readonly stopWatching = new AbortController();
  /** The watch's last word was that the service refuses connections: conclusive if the next round fails. */
  private refusedSeen = false;

  constructor(options: ServiceRunnerOptions) {
    this.options = options;
    const { service, clock, events, inherit } = options;
    const name = service.config.name;
    this.attempt = checkAttempts(service, clock);
    this.drain = new RunnerDrain({
      service: name,
      clock,
      events,
      settings: options.drain,
      isDrained: options.isDrained ?? options.isDisabled ?? noFile,
      announce: (intents) => options.announce(name, intents),
    });
    const hysteresis = { rise: service.config.rise, fall: service.config.fall, graded: service.strategy.gradesDegraded === true };
    this.health = new RunnerHealth({ service: name, events, hysteresis }, inherit);
    const logger: Logger = options.logger.child({ service: name });
    const { announce, allowed } = options;
    this.keeper = new AnnouncementKeeper({ service, clock, logger, events, drain: this.drain, allowed, announce, values: () => this.health.values }, inherit);
    this.rounds = new RoundScheduler({ clock, round: () => this.runRound(), watchSpacingMs: () => service.config.timing.fastInterval });
  }

  /** This runner's verdict, for the runner that replaces it in a reload. */
  get verdict(): RunnerVerdict {
    return { state: this.health.state, lastResult: this.health.lastResult, values: this.health.values, ...this.keeper.verdict };
  }

  /** The service's check interval while up. */
  get intervalMs(): number {
    return this.options.service.config.timing.interval;
  }

  /** Runs the first check after `delayMs` (0: at once), and starts the check's watch if it has one. */
  start(delayMs = 0): void {
    this.keeper.restate();
    this.rounds.start(delayMs);
    const logger = this.options.logger.child({ service: this.options.service.config.name });
    startCheckWatch(this.options.service, this.stopWatching.signal, (reason, evidence) => this.watchSawChange(reason, evidence), logger);
  }

  stop(): void {
    this.stopWatching.abort();
    this.rounds.stop();
    this.keeper.stop();
    this.drain.stop();
  }

  /** Runs a round now (`exaplug recheck`, a drain); resolves when it is done. Never overlaps a round. */
  checkNow(): Promise<void> {
    return this.rounds.runNow();
  }

  /**
   * ExaBGP did not confirm a route of this service (an `error` ack, or none in time): what
   * it holds is unknown, so the next round announces the service's state again.
   */
  forgetAnnouncement(): void {
    this.keeper.forget();
  }

  get status(): ServiceStatus {
    return {
      name: this.options.service.config.name,
      state: this.health.state,
      announced: this.keeper.state,
      lastResult: this.health.lastResult,
      values: this.health.values,
      drained: this.drain.state,
    };
  }

  /** Resolves once a drain is complete: announced (GRACEFUL_SHUTDOWN, disabled metrics) and, with `withdrawAfter`, withdrawn. */
  drainSettled(): Promise<void> {
    return this.drain.settled();
  }

  /**
   * The check's watch saw its target change: a round at once (RoundScheduler keeps a watch
   * that fires in a loop to one round per fastInterval). Refused connections, with
   * `refusedIsDown`, make that round's failure the whole fall.
   */
  private watchSawChange(reason: string, evidence: CheckWatchEvidence | undefined): void {
    if (this.stopWatching.signal.aborted) return;
    this.refusedSeen = evidence?.refused === true && isRefusedDown(this.options.service.config);
    this.options.logger.debug({ service: this.options.service.config.name, reason, refused: this.refusedSeen }, 'the check saw a change: checking now');
    this.rounds.watchTriggered();
  }

  /** One round; resolves to the wait before the next, or undefined once stopped. */
  private async runRound(): Promise<number | undefined> {
    if (this.stopWatching.signal.aborted) return undefined;
    const { service, isDisabled = noFile } = this.options;
    const config = service.config;
    // Evidence seen before this round started is this round's; what comes during it, the next one's.
    const refused = this.refusedSeen;
    this.refusedSeen = false;
    const read = this.drain.read();
    const drained = typeof read === 'boolean' ? read : await read;
    const disabled = drained || (config.disableFile !== undefined && (await isDisabled(config.disableFile)));
    let observation: HealthObservation = 'disabled';
    let valuesChanged = false;
    if (!disabled) {
      const result = await this.attempt();
      valuesChanged = this.health.record(result);
      observation = observationOf(result);
    }
    if (this.stopWatching.signal.aborted) return undefined;
    const state = this.health.advance(observation, refused);
    if (refused && state.name === 'down') this.options.logger.info({ service: config.name }, 'connections refused and the check failed: down at once (refusedIsDown)');
    this.keeper.follow(state.name);
    if (valuesChanged) this.keeper.replan();
    return nextCheckDelay(state.name, config.timing, this.options.random());
  }
}

/** Starts a check's watch, if it has one; a watch that throws costs its speed, not the service. */
function startCheckWatch(service: PreparedService, signal: AbortSignal, changed: (reason: string, evidence?: CheckWatchEvidence) => void, logger: Logger): void {
  if (!service.check.watch) return;
  try {
    service.check.watch({ signal, changed });
  } catch (error) {
    logger.error({ err: error, check: service.checkName }, 'the check\'s watch failed to start; polling only');
  }
}
