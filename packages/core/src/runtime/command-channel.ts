import type { AllowedPrefix } from '../announce/allowed-prefixes.js';
import type { CommandDialect, RouteIntent } from '../announce/route-intent.js';
import { createAckTracker, type AckTracker } from '../protocol/ack-tracker.js';
import { detectExabgp, versionProbeCommand, type ExabgpVersion, type TimedLine } from '../protocol/detect-exabgp.js';
import { formatGroupedRouteCommand, formatRouteCommand } from '../protocol/format-command.js';
import { groupAdjacentRoutes } from '../protocol/group-routes.js';
import type { ParsedLine } from '../protocol/messages.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import type { LineSink } from './line-sink.js';
import type { RuntimeEvents } from './runtime-events.js';

export interface CommandChannelOptions {
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  acks: 'auto' | 'on' | 'off';
  dialect: 'auto' | CommandDialect;
  ackTimeoutMs: number;
  /**
   * Adjacent routes that differ only in their prefix go in one `announce attributes … nlri`
   * command (4.x/5.x). Default true.
   */
  groupRoutes?: boolean;
  /** How long to wait for the answer to the version probe before deciding acks are off. */
  probeWindowMs?: number;
  /**
   * Read-only commands to ask once the dialect is known (4.x/5.x only), before any route:
   * a respawned process is told nothing of the sessions that are already up.
   */
  startupQueries?: readonly string[];
  /** The allow-list: the writer refuses any route outside it (defence in depth). */
  allowed?: readonly AllowedPrefix[] | undefined;
  /**
   * An output line and the query it answers (the oldest unacknowledged command; undefined
   * when acks are off and answers cannot be told apart).
   */
  onQueryOutput?: (command: string | undefined, text: string) => void;
  /** Where written commands and their answers are told. */
  events?: RuntimeEvents;
  /** ExaBGP refused a route command, or did not acknowledge it in time. */
  onRouteFailed?: (intent: RouteIntent, reason: string) => void;
}

/** How long `show` answers may take to arrive when ExaBGP sends no acks to delimit them. */
const unacknowledgedQueryGraceMs = 300;

/**
 * The one way commands reach ExaBGP: formats and validates route intents, writes them,
 * and pairs ExaBGP's acks with them. With `auto` settings it first asks `system version`
 * to learn the daemon version (and so the dialect) and whether acks are on; route
 * commands wait (queued, in order) until that is settled.
 */
export class CommandChannel {
  private readonly options: CommandChannelOptions;
  private tracker: AckTracker;
  private dialect: CommandDialect;
  private probe: { sentAtMs: number; lines: TimedLine[]; cancel: () => void } | undefined;
  private readonly queued: RouteIntent[] = [];
  private cancelExpiry: (() => void) | undefined;
  private version: ExabgpVersion | undefined;
  /** 6.x writes `error: <reason>` on the line before the `error` ack it explains. */
  private lastErrorReason: string | undefined;
  private queriesUnanswered = 0;
  /** The routes behind each pending route command, by sequence number, for failure reports. */
  private readonly routesInFlight = new Map<number, readonly RouteIntent[]>();
  private markReady: () => void = () => {};
  /**
   * Resolves once ExaBGP is known (probe settled) and has answered the startup queries,
   * so that no check is judged on a neighbor table that has not been filled yet.
   */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(options: CommandChannelOptions) {
    this.options = options;
    this.dialect = options.dialect === 'auto' ? 'neighbor' : options.dialect;
    this.tracker = createAckTracker({ timeoutMs: options.ackTimeoutMs, enabled: options.acks !== 'off' });
  }

  /** Starts the probe when anything is left to detect. */
  start(): void {
    if (this.options.acks !== 'auto' && this.options.dialect !== 'auto') {
      this.writeStartupQueries();
      return;
    }
    const { clock } = this.options;
    const windowMs = this.options.probeWindowMs ?? 1000;
    const cancel = clock.setTimer(windowMs, () => this.settleProbe(true));
    this.probe = { sentAtMs: clock.now(), lines: [], cancel };
    this.options.sink.writeLine(versionProbeCommand);
  }

  /** Formats, validates and writes (or queues while probing) route intents, in order. */
  sendRoutes(intents: readonly RouteIntent[]): void {
    if (this.probe) {
      this.queued.push(...intents);
      return;
    }
    this.writeRoutes(intents);
  }

  /** Takes an ack or an output line ExaBGP wrote. */
  receive(parsed: ParsedLine): void {
    if (this.probe) {
      this.probe.lines.push({ parsed, atMs: this.options.clock.now() });
      this.settleProbe(false);
      return;
    }
    if (parsed.kind === 'output') {
      if (parsed.errorReason !== undefined) this.lastErrorReason = parsed.errorReason;
      else this.options.onQueryOutput?.(this.tracker.oldest?.command, parsed.text);
    }
    if (parsed.kind !== 'ack' || parsed.ack === 'shutdown') return;
    this.acknowledge(parsed.ack);
  }

  /** Resolves when every written command is acknowledged (true), or after `maxWaitMs` (false). */
  async drained(maxWaitMs: number): Promise<boolean> {
    const deadline = this.options.clock.now() + maxWaitMs;
    while ((this.probe || this.tracker.pending > 0) && this.options.clock.now() < deadline) {
      await new Promise<void>((resolve) => this.options.clock.setTimer(10, resolve));
    }
    await this.options.sink.flushed();
    return !this.probe && this.tracker.pending === 0;
  }

  get counters() {
    return this.tracker.counters;
  }

  /** What the probe found: the ExaBGP version, the dialect and whether acks are on. */
  get detected() {
    return { version: this.version?.text, dialect: this.dialect, acks: this.tracker.enabled ? 'on' : 'off' } as const;
  }

  private settleProbe(windowClosed: boolean): void {
    const probe = this.probe;
    if (!probe) return;
    const { clock, logger } = this.options;
    const now = clock.now();
    const detection = detectExabgp(probe.lines, {
      sentAtMs: probe.sentAtMs,
      windowMs: this.options.probeWindowMs ?? 1000,
      nowMs: windowClosed ? Number.POSITIVE_INFINITY : now,
    });
    if (!detection.settled) return;
    probe.cancel();
    this.probe = undefined;
    this.version = detection.version;
    if (this.options.dialect === 'auto') this.dialect = detection.dialect;
    if (this.options.acks === 'auto') {
      this.tracker = createAckTracker({ timeoutMs: this.options.ackTimeoutMs, enabled: detection.acks === 'on' });
    }
    logger.info(
      { exabgp: detection.version?.text ?? 'unknown', dialect: this.dialect, acks: this.tracker.enabled ? 'on' : 'off' },
      'exabgp detected',
    );
    this.writeStartupQueries();
    this.writeRoutes(this.queued.splice(0));
  }

  private writeStartupQueries(): void {
    // 6.x API v6 has other show commands (and answers in JSON): not asked there.
    const queries = this.dialect === 'neighbor' ? (this.options.startupQueries ?? []) : [];
    for (const command of queries) this.write(command);
    if (queries.length === 0) this.markReady();
    else if (this.tracker.enabled) this.queriesUnanswered = queries.length;
    // Without acks nothing marks the end of the answers: give them a moment.
    else this.options.clock.setTimer(unacknowledgedQueryGraceMs, () => this.markReady());
  }

  private queryAnswered(): void {
    if (this.queriesUnanswered === 0) return;
    this.queriesUnanswered -= 1;
    if (this.queriesUnanswered === 0) this.markReady();
  }

  private write(command: string, intents?: readonly RouteIntent[]): void {
    const { clock, sink } = this.options;
    sink.writeLine(command);
    this.options.events?.emit({ type: 'commandWritten', command });
    const pending = this.tracker.sent(command, clock.now());
    if (pending && intents) this.routesInFlight.set(pending.seq, intents);
    this.armExpiry();
  }

  /**
   * Groups only in the 4.x/5.x dialect: 4.2 answers grouped commands as measured (one ack,
   * one UPDATE); 6.x accepts them too, but no real 6.x runs in the tests to prove it.
   */
  private writeRoutes(intents: readonly RouteIntent[]): void {
    if (this.options.groupRoutes === false || this.dialect !== 'neighbor' || intents.length < 2) {
      for (const intent of intents) this.writeRoute(intent);
      return;
    }
    for (const group of groupAdjacentRoutes(intents, this.dialect)) {
      if (group.length === 1) this.writeRoute(group[0] as RouteIntent);
      else this.writeRouteGroup(group);
    }
  }

  private writeRouteGroup(group: readonly RouteIntent[]): void {
    let command: string;
    try {
      command = formatGroupedRouteCommand(group, this.dialect, this.validation());
    } catch {
      // One route in the group is invalid: each on its own, so only that one is refused.
      for (const intent of group) this.writeRoute(intent);
      return;
    }
    this.write(command, group);
  }

  private writeRoute(intent: RouteIntent): void {
    let command: string;
    try {
      command = formatRouteCommand(intent, this.dialect, this.validation());
    } catch (error) {
      // Validation failed: nothing is written, so no ack is owed and none can be misattributed.
      this.options.logger.error({ err: error, code: (error as { code?: string }).code, intent }, 'route refused before writing');
      this.options.onRouteFailed?.(intent, (error as Error).message);
      return;
    }
    this.write(command, [intent]);
  }

  private validation(): { allowed?: readonly AllowedPrefix[] } {
    return this.options.allowed ? { allowed: this.options.allowed } : {};
  }

  private acknowledge(ack: 'done' | 'error'): void {
    const { clock, logger } = this.options;
    const reason = this.lastErrorReason;
    this.lastErrorReason = undefined;
    const matched = this.tracker.acknowledged(ack, clock.now(), reason);
    if (!matched) {
      logger.debug({ ack }, 'ack with no command pending');
      return;
    }
    if (matched.command.startsWith('show ')) this.queryAnswered();
    const intents = this.routesInFlight.get(matched.seq);
    this.routesInFlight.delete(matched.seq);
    if (intents && ack === 'error') for (const intent of intents) this.options.onRouteFailed?.(intent, reason ?? 'exabgp answered error');
    const latencyMs = Math.round((matched.ackedAtMs - matched.sentAtMs) * 10) / 10;
    if (ack === 'error') logger.error({ command: matched.command, reason, counters: this.tracker.counters }, 'exabgp refused a command');
    this.options.events?.emit({ type: 'commandAnswered', command: matched.command, answer: ack, latencyMs });
    this.armExpiry();
  }

  private armExpiry(): void {
    this.cancelExpiry?.();
    this.cancelExpiry = undefined;
    const deadline = this.tracker.nextDeadlineMs();
    if (deadline === undefined) return;
    const { clock } = this.options;
    this.cancelExpiry = clock.setTimer(Math.max(0, deadline - clock.now()), () => {
      for (const entry of this.tracker.expire(clock.now())) {
        if (entry.command.startsWith('show ')) this.queryAnswered();
        this.options.events?.emit({ type: 'commandTimedOut', command: entry.command });
        const intents = this.routesInFlight.get(entry.seq) ?? [];
        this.routesInFlight.delete(entry.seq);
        for (const intent of intents) this.options.onRouteFailed?.(intent, 'no acknowledgement in time');
      }
      this.armExpiry();
    });
  }
}
