import type { NeighborFamilies } from '../announce/address-by-family.js';
import type { AllowedPrefix, CommandDialect, NeighborDescription, ParsedLine, RouteIntent } from '@exaplug/protocol';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import { CommandWriter, type QueryAnswer } from './command-writer.js';
import type { LineSink } from './line-sink.js';
import { RouteSender } from './route-sender.js';
import type { RuntimeEvents } from './runtime-events.js';
import { VersionProbe } from './version-probe.js';

export interface ExabgpSessionOptions {
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  acks: 'auto' | 'on' | 'off';
  dialect: 'auto' | CommandDialect;
  ackTimeoutMs: number;
  /** Adjacent routes that differ only in their prefix share one `announce attributes … nlri` command (4.x/5.x). Default true. */
  groupRoutes?: boolean | undefined;
  /** How long to wait for the answer to the version probe before deciding acks are off. */
  probeWindowMs?: number | undefined;
  /** The allow-list: the writer refuses any route outside it (defence in depth). */
  allowed?: readonly AllowedPrefix[] | undefined;
  events?: RuntimeEvents | undefined;
  /** ExaBGP refused routes, or did not acknowledge them in time (the routes as the caller gave them). */
  onRoutesFailed?: ((intents: readonly RouteIntent[], reason: string, service: string | undefined) => void) | undefined;
}

/**
 * exaplug's side of the conversation with one ExaBGP: learns who answers (a
 * `VersionProbe`: version, dialect, acks), then carries queries (`query`) and routes
 * (`sendRoutes`, through a `RouteSender`: addressed, validated, grouped, formatted) through
 * one `CommandWriter`. Anything asked before the probe settles waits for it, in order.
 */
export class ExabgpSession {
  private readonly options: ExabgpSessionOptions;
  private readonly writer: CommandWriter;
  private readonly probe: VersionProbe;
  private readonly sender: RouteSender;

  constructor(options: ExabgpSessionOptions) {
    this.options = options;
    this.writer = new CommandWriter({
      sink: options.sink,
      clock: options.clock,
      logger: options.logger,
      ackTimeoutMs: options.ackTimeoutMs,
      events: options.events,
      onRoutesFailed: (intents, reason, service) => options.onRoutesFailed?.(intents.map((intent) => this.sender.originalOf(intent)), reason, service),
    });
    this.probe = new VersionProbe({ ...options, writer: this.writer });
    this.sender = new RouteSender({ writer: this.writer, logger: options.logger, groupRoutes: options.groupRoutes, allowed: options.allowed, onRoutesFailed: options.onRoutesFailed });
  }

  /** Resolves once ExaBGP is known: the probe settled (or was not needed). */
  get ready(): Promise<void> {
    return this.probe.ready;
  }

  /** Starts the probe when anything is left to detect. */
  start(): void {
    this.probe.start();
  }

  /** Takes an ack or an output line ExaBGP wrote. */
  receive(parsed: ParsedLine): void {
    if (this.probe.isRunning) this.probe.take(parsed);
    else this.writer.receive(parsed);
  }

  /** A `show` command's answer. 6.x API v6 has other show commands (answering in JSON): not asked there. */
  query(command: string): Promise<QueryAnswer> {
    return this.probe.whenSettled(() => (this.probe.dialect === 'neighbor' ? this.writer.query(command) : Promise.resolve({ answer: 'unsupported', lines: [] })));
  }

  /** Validates, addresses, groups, formats and writes routes, in order; `service` names their owner in failure reports. */
  sendRoutes(intents: readonly RouteIntent[], service?: string): void {
    if (intents.length === 0) return;
    void this.probe.whenSettled(() => Promise.resolve(this.sender.send(intents, service, this.probe.dialect)));
  }

  /** What `show neighbor extensive` told: from now on each route goes only to the sessions of its family. */
  learnNeighbors(neighbors: readonly NeighborDescription[]): void {
    this.sender.learnNeighbors(neighbors);
  }

  /** The families each neighbor carries, once known. */
  get neighborFamilies(): NeighborFamilies | undefined {
    return this.sender.neighborFamilies;
  }

  /** Resolves true once every written command is acknowledged (and the probe settled), false after `maxWaitMs`. */
  async drained(maxWaitMs: number): Promise<boolean> {
    const { clock } = this.options;
    const deadline = clock.now() + maxWaitMs;
    if (this.probe.isRunning) await Promise.race([this.probe.ready, new Promise<void>((resolve) => clock.setTimer(maxWaitMs, resolve))]);
    if (this.probe.isRunning) return false;
    return this.writer.drained(Math.max(0, deadline - clock.now()));
  }

  get counters() {
    return this.writer.counters;
  }

  /** Route commands written so far (a read-back answered across a later one is out of date). */
  get routeCommandsWritten(): number {
    return this.writer.routeCommandsWritten;
  }

  /** The last commands that could have reached a peer, oldest first: they explain its NOTIFICATION. */
  recentCommandsFor(peer: string): string[] {
    return this.writer.recent.for(peer);
  }

  /** What the probe found: the ExaBGP version, the dialect and whether acks are on. */
  get detected() {
    return { version: this.probe.version?.text, dialect: this.probe.dialect, acks: this.writer.acksEnabled ? 'on' : 'off' } as const;
  }
}
