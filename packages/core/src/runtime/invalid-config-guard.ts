import type { SafetySettings } from '../config/read-safety-settings.js';
import type { Logger } from '../logger.js';
import { parseExabgpLine } from '@exaplug/protocol';
import type { Clock } from '../scheduler/clock.js';
import { ExabgpSession } from './exabgp-session.js';
import { withdrawStaleRoutes } from './held-routes.js';
import type { LineSink } from './line-sink.js';

export interface InvalidConfigGuardOptions {
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  /** Undefined when not even the allow-list could be read (e.g. a YAML syntax error). */
  safety: SafetySettings | undefined;
}

/**
 * Idle mode's one duty. ExaBGP keeps a dead process's routes, so after a respawn into a
 * config exaplug must refuse, the previous exaplug's routes would stay at their healthy
 * MED with nothing checking them. After `onInvalidConfig.after` (time to fix the config
 * and send SIGHUP), it asks ExaBGP what it announces and withdraws what lies inside the
 * allow-list (`action: withdraw`, the default), or leaves it (`keep`). Without a readable
 * allow-list it cannot tell its routes from others' and touches nothing.
 */
export class InvalidConfigGuard {
  private readonly options: InvalidConfigGuardOptions;
  private session: ExabgpSession | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  constructor(options: InvalidConfigGuardOptions) {
    this.options = options;
  }

  start(): void {
    const { safety, logger, clock } = this.options;
    if (!safety?.allowedPrefixes) {
      logger.error('no readable allowedPrefixes: routes a previous exaplug left in ExaBGP are left as they are');
      return;
    }
    const { action, after } = safety.onInvalidConfig;
    if (action === 'keep') {
      logger.warn('onInvalidConfig.action is keep: routes a previous exaplug left in ExaBGP stay announced, unchecked');
      return;
    }
    logger.warn({ afterMs: after }, 'routes a previous exaplug left inside allowedPrefixes will be withdrawn unless the config is fixed first');
    this.cancelTimer = clock.setTimer(after, () => this.withdrawStale(safety));
  }

  /** A line from ExaBGP while idle: only the answers to our own commands matter. */
  receiveLine(line: string): void {
    if (!this.session) return;
    const parsed = parseExabgpLine(line);
    if (parsed.kind === 'ack' || parsed.kind === 'output') this.session.receive(parsed);
  }

  /** The config was fixed (or exaplug stops): nothing more to do. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private withdrawStale(safety: SafetySettings): void {
    const { sink, clock, logger } = this.options;
    const allowed = safety.allowedPrefixes ?? [];
    const session = new ExabgpSession({ sink, clock, logger: logger.child({ component: 'exabgp' }), acks: 'auto', dialect: 'auto', ackTimeoutMs: 5000, allowed });
    this.session = session;
    session.start();
    void session.ready.then(async () => {
      if (this.stopped) return;
      const withdrawn = await withdrawStaleRoutes(session, { allowed, owned: new Set(), logger });
      if (withdrawn.length > 0) logger.warn({ routes: withdrawn }, 'config still invalid: withdrawing the routes left inside allowedPrefixes');
    });
  }
}
