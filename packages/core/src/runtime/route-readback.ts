import { compareHeldRoutes, type Divergence } from '../announce/compare-held-routes.js';
import type { RouteIntent } from '@exaplug/protocol';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import type { ExabgpSession } from './exabgp-session.js';
import { readHeldRoutes } from './held-routes.js';
import type { RouteDesk } from './route-desk.js';
import type { RuntimeEvents } from './runtime-events.js';

export interface RouteReadbackOptions {
  session: ExabgpSession;
  desk: RouteDesk;
  clock: Clock;
  logger: Logger;
  events: RuntimeEvents;
  /** Whether a prefix is exaplug's (a service IP): only those are compared. */
  owns: (prefix: string) => boolean;
  /** Between two read-backs when nothing changes; 0 turns the read-back off. */
  intervalMs: number;
  /** After routes were written, how long to wait for quiet before reading back. */
  delayMs: number;
}

/** What the last read-back of ExaBGP's adj-rib-out found (`exaplug status`, through the control socket). */
export interface ReadBackReport {
  /** Seconds since the last comparison, or undefined before the first. */
  ageSeconds: number | undefined;
  /** What the last comparison found, one line each (`203.0.113.40/32 on 127.0.0.1: announced, not held`). */
  divergences: string[];
  /** Divergences found (and repaired) since start. */
  total: number;
  off?: string;
}

/** What the last read-back found, for `status`. */
export interface ReadbackStatus {
  /** When ExaBGP's view was last compared (clock ms), if ever. */
  lastAtMs: number | undefined;
  /** The divergences the last comparison found (before its repair). */
  divergences: Divergence[];
  /** Divergences found since start. */
  total: number;
  /** Why read-back is not running, when it is not. */
  off?: string;
}

/** Repairs that did not take are tried again this many times in a row, then left to the periodic read-back. */
const maxRepairRounds = 3;

/**
 * exaplug trusts ExaBGP's `done`, but `done` only says a command was parsed: a command
 * ExaBGP misread (an IPv4 prefix filed as IPv6) was acked too. After each change
 * (debounced) and periodically, this compares ExaBGP's own view (`show adj-rib out
 * extensive`) with the route books, per neighbor; a divergence is logged at error level,
 * told as an event (metrics, status) and repaired by sending the routes again.
 */
export class RouteReadback {
  private readonly options: RouteReadbackOptions;
  private cancelTimer: (() => void) | undefined;
  private running = false;
  private stopped = false;
  private repairRounds = 0;
  private readonly status: ReadbackStatus = { lastAtMs: undefined, divergences: [], total: 0 };

  constructor(options: RouteReadbackOptions) {
    this.options = options;
  }

  /** Reads back now-ish and then every interval. */
  start(): void {
    if (this.options.intervalMs > 0) this.schedule(this.options.delayMs);
    else this.status.off = 'turned off (exabgp.readBack.interval: 0)';
  }

  /** Routes were written: read back once the writes have settled. */
  routesWritten(): void {
    if (this.options.intervalMs > 0 && !this.running) this.schedule(this.options.delayMs);
  }

  /** The status for `exaplug status`, as of now. */
  report(): ReadBackReport {
    const { lastAtMs, divergences, total, off } = this.status;
    return {
      ageSeconds: lastAtMs === undefined ? undefined : Math.round((this.options.clock.now() - lastAtMs) / 1000),
      divergences: divergences.map(describeDivergence),
      total,
      ...(off !== undefined && { off }),
    };
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = this.options.clock.setTimer(ms, () => void this.run());
  }

  private async run(): Promise<void> {
    const { session, desk, clock } = this.options;
    const families = session.neighborFamilies;
    if (!families || session.detected.acks === 'off' || session.detected.dialect !== 'neighbor') {
      this.status.off = 'ExaBGP did not tell which families its sessions carry (needs acks on and the 4.x/5.x API)';
      return;
    }
    this.running = true;
    // The books as they stand when the query is written: ExaBGP answers after every command before it.
    const announced = desk.announced();
    const writtenBefore = session.routeCommandsWritten;
    const held = await readHeldRoutes(session, true);
    this.running = false;
    if (this.stopped) return;
    if (!held || session.routeCommandsWritten !== writtenBefore) {
      // No answer, or routes were written while it was answered: that answer is already old.
      this.schedule(this.options.delayMs);
      return;
    }
    const divergences = compareHeldRoutes(announced, held, families, this.options.owns);
    Object.assign(this.status, { lastAtMs: clock.now(), divergences, total: this.status.total + divergences.length });
    if (divergences.length === 0) {
      this.repairRounds = 0;
      this.schedule(this.options.intervalMs);
      return;
    }
    this.repair(divergences);
  }

  private repair(divergences: readonly Divergence[]): void {
    const { logger, events, desk } = this.options;
    logger.error({ divergences: divergences.map(describeDivergence) }, 'ExaBGP does not hold what exaplug announced: sending again');
    events.emit({ type: 'routesDiverged', divergences });
    const misfiled = divergences.filter((divergence) => divergence.kind === 'unexpected' && divergence.misfiled);
    if (misfiled.length > 0) {
      // A withdraw names the prefix, which ExaBGP reads in its own family: it cannot reach a route filed under the other.
      logger.error({ routes: misfiled.map(describeDivergence) }, 'routes filed under the wrong family (left by a mixed-family command) cannot be withdrawn through the API: restart ExaBGP, or clear that neighbor’s adj-rib-out');
    }
    desk.resend(divergences.filter((divergence) => !misfiled.includes(divergence)).map(repairOf));
    this.repairRounds += 1;
    this.schedule(this.repairRounds < maxRepairRounds ? this.options.delayMs : this.options.intervalMs);
  }
}

/** The command that makes one neighbor hold what the book says: the route again, or a withdraw. */
function repairOf(divergence: Divergence): RouteIntent {
  if (divergence.kind === 'unexpected') return { action: 'withdraw', prefix: divergence.prefix, nextHop: 'self', neighbors: [divergence.peer] };
  return { ...divergence.route, neighbors: [divergence.peer] };
}

/** One line for a divergence: the log, `status`. */
export function describeDivergence(divergence: Divergence): string {
  const where = `${divergence.prefix} on ${divergence.peer}`;
  if (divergence.kind === 'missing') return `${where}: announced, not held`;
  if (divergence.kind === 'differs') return `${where}: ${divergence.what}`;
  return `${where}: held (${divergence.family}), not announced`;
}
