import { planStaleWithdraws } from '../announce/plan-stale-withdraws.js';
import type { SafetySettings } from '../config/read-safety-settings.js';
import type { Logger } from '../logger.js';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import { parseShowOutput } from '../protocol/parse-show-output.js';
import type { Clock } from '../scheduler/clock.js';
import { CommandChannel } from './command-channel.js';
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
  private channel: CommandChannel | undefined;
  private cancelTimer: (() => void) | undefined;
  private readonly held: string[] = [];
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
    if (!this.channel) return;
    const parsed = parseExabgpLine(line);
    if (parsed.kind === 'ack' || parsed.kind === 'output') this.channel.receive(parsed);
  }

  /** The config was fixed (or exaplug stops): nothing more to do. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private withdrawStale(safety: SafetySettings): void {
    const { sink, clock, logger } = this.options;
    const allowed = safety.allowedPrefixes ?? [];
    this.channel = new CommandChannel({
      sink,
      clock,
      logger: logger.child({ component: 'exabgp' }),
      acks: 'auto',
      dialect: 'auto',
      ackTimeoutMs: 5000,
      startupQueries: ['show adj-rib out'],
      allowed,
      onQueryOutput: (command, text) => {
        const row = command === 'show adj-rib out' ? parseShowOutput(text) : undefined;
        if (row?.kind === 'rib') this.held.push(row.prefix);
      },
    });
    this.channel.start();
    void this.channel.ready.then(() => {
      if (this.stopped || !this.channel) return;
      if (this.channel.detected.acks === 'off') {
        logger.error('acks are off: the routes ExaBGP holds cannot be read reliably; nothing withdrawn');
        return;
      }
      const withdraws = planStaleWithdraws(this.held.splice(0), new Set(), allowed);
      logger.warn({ routes: withdraws.map((intent) => intent.prefix) }, 'config still invalid: withdrawing the routes left inside allowedPrefixes');
      this.channel.sendRoutes(withdraws);
    });
  }
}
