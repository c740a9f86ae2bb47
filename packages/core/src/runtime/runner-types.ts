import type { AllowedPrefix, RouteIntent } from '@exaplug/protocol';
import type { AnnouncedState, HealthState } from '../health/health-state.js';
import type { Logger } from '../logger.js';
import type { CheckResult, CheckValues } from '../plugins/check-result.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
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
  isDrained?: (path: string) => boolean | Promise<boolean>;
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
  /** The check's latest values (absent: none reported yet). */
  values?: CheckValues | undefined;
}

/** What `exaplug` knows about one service right now. */
export interface ServiceStatus {
  name: string;
  state: HealthState;
  announced: AnnouncedState | undefined;
  lastResult: CheckResult | undefined;
  /** The latest numbers the check reported (`CheckResult.values`), which the strategy follows. */
  values: CheckValues;
  /** Drained by `exaplug drain` (its file exists); `withdrawn` once the drain withdrew the routes. */
  drained: false | 'announced' | 'withdrawn';
  /** Since when (ISO 8601) and by which verb, when drained (the runtime knows; the runner does not). */
  drain?: { by: string; since: string };
}
