import { AckTracker, type ParsedLine, type RouteIntent } from '@exaplug/protocol';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import { IdleWaiters } from './idle-waiters.js';
import type { LineSink } from './line-sink.js';
import { RecentCommands } from './recent-commands.js';
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
  private readonly idle: IdleWaiters;
  private cancelExpiry: (() => void) | undefined;
  /** The last route commands, to explain a peer's NOTIFICATION. */
  readonly recent = new RecentCommands();
  /** Route commands written so far: a read-back answered across a later one is out of date. */
  routeCommandsWritten = 0;

  constructor(options: CommandWriterOptions) {
    this.options = options;
    this.tracker = new AckTracker({ timeoutMs: options.ackTimeoutMs });
    this.idle = new IdleWaiters(options.clock);
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
      else {
        // The output belongs to the oldest command awaiting its ack (or, without acks, to the last query).
        const oldest = this.tracker.oldest;
        const tag = oldest ? this.tags.get(oldest.seq) : this.unpairedQuery;
        if (tag?.kind === 'query') tag.lines.push(parsed.text);
      }
      return;
    }
    if (parsed.kind === 'ack' && parsed.ack !== 'shutdown') this.acknowledge(parsed.ack);
  }

  /** Resolves true once every written command is acknowledged, false after `maxWaitMs`. */
  async drained(maxWaitMs: number): Promise<boolean> {
    if (this.tracker.pending > 0) await this.idle.wait(maxWaitMs);
    await this.options.sink.flushed();
    return this.tracker.pending === 0;
  }

  get counters() {
    return this.tracker.counters;
  }

  private write(command: string, tag: CommandTag): void {
    const { clock, sink, events } = this.options;
    sink.writeLine(command);
    events?.emit({ type: 'commandWritten', command, kind: tag.kind });
    if (tag.kind === 'routes') this.recent.add(command);
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
    const tag = takeEntry(this.tags, matched.seq);
    if (tag?.kind === 'query') tag.settle({ answer: ack, lines: tag.lines });
    if (tag?.kind === 'routes' && ack === 'error') this.options.onRoutesFailed?.(tag.intents, reason ?? 'exabgp answered error', tag.service);
    if (ack === 'error') logger.error({ command: matched.command, reason, counters: this.tracker.counters }, 'exabgp refused a command');
    const latencyMs = Math.round((matched.ackedAtMs - matched.sentAtMs) * 10) / 10;
    events?.emit({ type: 'commandAnswered', command: matched.command, answer: ack, latencyMs });
    this.armExpiry();
    if (this.tracker.pending === 0) this.idle.wake();
  }

  private armExpiry(): void {
    this.cancelExpiry?.();
    this.cancelExpiry = undefined;
    const deadline = this.tracker.nextDeadlineMs();
    if (deadline === undefined) return;
    const { clock } = this.options;
    this.cancelExpiry = clock.setTimer(Math.max(0, deadline - clock.now()), () => {
      for (const entry of this.tracker.expire(clock.now())) {
        const tag = takeEntry(this.tags, entry.seq);
        if (tag?.kind === 'query') tag.settle({ answer: 'timeout', lines: tag.lines });
        if (tag?.kind === 'routes') this.options.onRoutesFailed?.(tag.intents, 'no acknowledgement in time', tag.service);
        this.options.events?.emit({ type: 'commandTimedOut', command: entry.command });
      }
      this.armExpiry();
      if (this.tracker.pending === 0) this.idle.wake();
    });
  }
}

/** A map's entry, removed. */
function takeEntry<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  map.delete(key);
  return value;
}
