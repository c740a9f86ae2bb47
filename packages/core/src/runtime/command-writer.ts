import type { RouteIntent } from '../announce/route-intent.js';
import { AckTracker, type PendingCommand } from '../protocol/ack-tracker.js';
import type { ParsedLine } from '../protocol/messages.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import type { LineSink } from './line-sink.js';
import type { RuntimeEvents } from './runtime-events.js';

/** How a `show` command ended, and the lines it printed before its ack. */
export interface QueryAnswer {
  /** `unpaired`: acks are off, so these are the lines that came within a grace period; `unsupported`: not asked (6.x). */
  answer: 'done' | 'error' | 'timeout' | 'unpaired' | 'unsupported';
  lines: string[];
}

/** What a written command was for: the writer answers each kind its own way. */
type CommandTag =
  | { kind: 'query'; lines: string[]; settle: (answer: QueryAnswer) => void }
  | { kind: 'routes'; intents: readonly RouteIntent[]; service: string | undefined };

export interface CommandWriterOptions {
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  ackTimeoutMs: number;
  events?: RuntimeEvents | undefined;
  /** ExaBGP refused a route command, or did not acknowledge it in time. */
  onRoutesFailed?: ((intents: readonly RouteIntent[], reason: string, service: string | undefined) => void) | undefined;
}

/** How long `show` answers may take to arrive when ExaBGP sends no acks to delimit them. */
const unacknowledgedQueryGraceMs = 300;
/** Commands kept to explain a NOTIFICATION from a peer. */
const recentLimit = 20;

/**
 * Writes commands and pairs ExaBGP's `done`/`error` acks with them (FIFO: acks carry no
 * id). Each command is tagged with what it was for, so a query gets its output lines and
 * a refused route command names its routes and their service.
 */
export class CommandWriter {
  private readonly options: CommandWriterOptions;
  private tracker: AckTracker;
  private readonly tags = new Map<number, CommandTag>();
  /** 6.x writes `error: <reason>` on the line before the `error` ack it explains. */
  private lastErrorReason: string | undefined;
  /** Without acks, output lines go to the last query until its grace period ends. */
  private unpairedQuery: Extract<CommandTag, { kind: 'query' }> | undefined;
  private readonly idleWaiters = new Set<() => void>();
  private cancelExpiry: (() => void) | undefined;
  private readonly recent: Array<{ command: string; atMs: number }> = [];
  /** Route commands written so far: a read-back answered across a later one is out of date. */
  routeCommandsWritten = 0;

  constructor(options: CommandWriterOptions) {
    this.options = options;
    this.tracker = new AckTracker({ timeoutMs: options.ackTimeoutMs });
  }

  /** Whether ExaBGP acknowledges commands (learned by the probe, before anything is written here). */
  useAcks(enabled: boolean): void {
    this.tracker = new AckTracker({ timeoutMs: this.options.ackTimeoutMs, enabled });
  }

  get acksEnabled(): boolean {
    return this.tracker.enabled;
  }

  writeRoutes(command: string, intents: readonly RouteIntent[], service?: string): void {
    this.routeCommandsWritten += 1;
    this.write(command, { kind: 'routes', intents, service });
  }

  /** Writes a `show` command; resolves with its output once its ack (or its time) comes. */
  query(command: string): Promise<QueryAnswer> {
    return new Promise((settle) => {
      const tag: CommandTag = { kind: 'query', lines: [], settle };
      this.write(command, tag);
      if (this.tracker.enabled) return;
      this.unpairedQuery = tag;
      this.options.clock.setTimer(unacknowledgedQueryGraceMs, () => {
        if (this.unpairedQuery === tag) this.unpairedQuery = undefined;
        settle({ answer: 'unpaired', lines: tag.lines });
      });
    });
  }

  /** Takes an ack or an output line ExaBGP wrote. */
  receive(parsed: ParsedLine): void {
    if (parsed.kind === 'output') {
      if (parsed.errorReason !== undefined) this.lastErrorReason = parsed.errorReason;
      else this.outputFor()?.lines.push(parsed.text);
      return;
    }
    if (parsed.kind === 'ack' && parsed.ack !== 'shutdown') this.acknowledge(parsed.ack);
  }

  /** Resolves true once every written command is acknowledged, false after `maxWaitMs`. */
  async drained(maxWaitMs: number): Promise<boolean> {
    if (this.tracker.pending > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          cancel();
          this.idleWaiters.delete(done);
          resolve();
        };
        const cancel = this.options.clock.setTimer(maxWaitMs, done);
        this.idleWaiters.add(done);
      });
    }
    await this.options.sink.flushed();
    return this.tracker.pending === 0;
  }

  get counters() {
    return this.tracker.counters;
  }

  /** The last commands that could have reached a peer (addressed to it, or to every neighbor), oldest first. */
  recentCommandsFor(peer: string): string[] {
    return this.recent.filter(({ command }) => !command.startsWith('neighbor ') || command.includes(`neighbor ${peer} `) || command.includes(`neighbor ${peer},`)).map(({ command }) => command);
  }

  private outputFor(): Extract<CommandTag, { kind: 'query' }> | undefined {
    const oldest = this.tracker.oldest;
    const tag = oldest ? this.tags.get(oldest.seq) : this.unpairedQuery;
    return tag?.kind === 'query' ? tag : undefined;
  }

  private write(command: string, tag: CommandTag): void {
    const { clock, sink, events } = this.options;
    sink.writeLine(command);
    events?.emit({ type: 'commandWritten', command, kind: tag.kind });
    if (tag.kind === 'routes') {
      this.recent.push({ command, atMs: clock.now() });
      if (this.recent.length > recentLimit) this.recent.shift();
    }
    const pending = this.tracker.sent(command, clock.now());
    if (pending) this.tags.set(pending.seq, tag);
    this.armExpiry();
  }

  private acknowledge(ack: 'done' | 'error'): void {
    const { clock, logger, events } = this.options;
    const reason = this.lastErrorReason;
    this.lastErrorReason = undefined;
    const matched = this.tracker.acknowledged(ack, clock.now(), reason);
    if (!matched) {
      logger.debug({ ack }, 'ack with no command pending');
      return;
    }
    const tag = this.takeTag(matched);
    if (tag?.kind === 'query') tag.settle({ answer: ack, lines: tag.lines });
    if (tag?.kind === 'routes' && ack === 'error') this.options.onRoutesFailed?.(tag.intents, reason ?? 'exabgp answered error', tag.service);
    if (ack === 'error') logger.error({ command: matched.command, reason, counters: this.tracker.counters }, 'exabgp refused a command');
    const latencyMs = Math.round((matched.ackedAtMs - matched.sentAtMs) * 10) / 10;
    events?.emit({ type: 'commandAnswered', command: matched.command, answer: ack, latencyMs });
    this.armExpiry();
    this.notifyIfIdle();
  }

  private takeTag(entry: PendingCommand): CommandTag | undefined {
    const tag = this.tags.get(entry.seq);
    this.tags.delete(entry.seq);
    return tag;
  }

  private notifyIfIdle(): void {
    if (this.tracker.pending > 0) return;
    for (const waiter of [...this.idleWaiters]) waiter();
  }

  private armExpiry(): void {
    this.cancelExpiry?.();
    this.cancelExpiry = undefined;
    const deadline = this.tracker.nextDeadlineMs();
    if (deadline === undefined) return;
    const { clock } = this.options;
    this.cancelExpiry = clock.setTimer(Math.max(0, deadline - clock.now()), () => {
      for (const entry of this.tracker.expire(clock.now())) {
        const tag = this.takeTag(entry);
        if (tag?.kind === 'query') tag.settle({ answer: 'timeout', lines: tag.lines });
        if (tag?.kind === 'routes') this.options.onRoutesFailed?.(tag.intents, 'no acknowledgement in time', tag.service);
        this.options.events?.emit({ type: 'commandTimedOut', command: entry.command });
      }
      this.armExpiry();
      this.notifyIfIdle();
    });
  }
}
