import { addressRoute, type NeighborFamilies } from '../announce/address-by-family.js';
import type { AllowedPrefix } from '../protocol/allowed-prefixes.js';
import type { CommandDialect, RouteIntent } from '../announce/route-intent.js';
import { detectExabgp, versionProbeCommand, type ExabgpVersion, type TimedLine } from '../protocol/detect-exabgp.js';
import { formatGroupedRouteCommand, formatRouteCommand } from '../protocol/format-command.js';
import { groupAdjacentRoutes } from '../protocol/group-routes.js';
import type { ParsedLine } from '../protocol/messages.js';
import type { NeighborDescription } from '../protocol/parse-neighbor-extensive.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import { CommandWriter, type QueryAnswer } from './command-writer.js';
import type { LineSink } from './line-sink.js';
import type { RuntimeEvents } from './runtime-events.js';

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
 * exaplug's side of the conversation with one ExaBGP: learns who answers (the `system
 * version` probe: version, dialect, acks), then carries queries (`query`) and routes
 * (`sendRoutes`: validated, addressed to the sessions of their family, grouped,
 * formatted) through one `CommandWriter`. Anything asked before the probe settles waits
 * for it, in order.
 */
export class ExabgpSession {
  private readonly options: ExabgpSessionOptions;
  private readonly writer: CommandWriter;
  private dialect: CommandDialect;
  private version: ExabgpVersion | undefined;
  private probe: { sentAtMs: number; lines: TimedLine[]; cancel: () => void } | undefined;
  private readonly waiting: Array<() => void> = [];
  private families: NeighborFamilies | undefined;
  /** A routed copy (with its selector) → the route as the caller gave it, for failure reports. */
  private readonly originals = new WeakMap<RouteIntent, RouteIntent>();
  private markReady: () => void = () => {};
  /** Resolves once ExaBGP is known: the probe settled (or was not needed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(options: ExabgpSessionOptions) {
    this.options = options;
    this.dialect = options.dialect === 'auto' ? 'neighbor' : options.dialect;
    this.writer = new CommandWriter({
      sink: options.sink,
      clock: options.clock,
      logger: options.logger,
      ackTimeoutMs: options.ackTimeoutMs,
      events: options.events,
      onRoutesFailed: (intents, reason, service) => options.onRoutesFailed?.(intents.map((intent) => this.originals.get(intent) ?? intent), reason, service),
    });
    if (options.acks === 'off') this.writer.useAcks(false);
  }

  /** Starts the probe when anything is left to detect. */
  start(): void {
    if (this.options.acks !== 'auto' && this.options.dialect !== 'auto') {
      this.settled();
      return;
    }
    const { clock, sink } = this.options;
    const cancel = clock.setTimer(this.options.probeWindowMs ?? 1000, () => this.settleProbe(true));
    this.probe = { sentAtMs: clock.now(), lines: [], cancel };
    sink.writeLine(versionProbeCommand);
  }

  /** Takes an ack or an output line ExaBGP wrote. */
  receive(parsed: ParsedLine): void {
    if (!this.probe) {
      this.writer.receive(parsed);
      return;
    }
    this.probe.lines.push({ parsed, atMs: this.options.clock.now() });
    this.settleProbe(false);
  }

  /** A `show` command's answer. 6.x API v6 has other show commands (answering in JSON): not asked there. */
  query(command: string): Promise<QueryAnswer> {
    return this.whenReady(() => (this.dialect === 'neighbor' ? this.writer.query(command) : Promise.resolve({ answer: 'unsupported', lines: [] })));
  }

  /** Validates, addresses, groups, formats and writes routes, in order; `service` names their owner in failure reports. */
  sendRoutes(intents: readonly RouteIntent[], service?: string): void {
    if (intents.length === 0) return;
    void this.whenReady(() => Promise.resolve(this.writeRoutes(intents, service)));
  }

  /** What `show neighbor extensive` told: from now on each route goes only to the sessions of its family. */
  learnNeighbors(neighbors: readonly NeighborDescription[]): void {
    if (neighbors.length === 0 || neighbors.every((neighbor) => neighbor.families.length === 0)) return;
    this.families = new Map(neighbors.map((neighbor) => [neighbor.peer, new Set(neighbor.families)]));
  }

  /** The families each neighbor carries, once known. */
  get neighborFamilies(): NeighborFamilies | undefined {
    return this.families;
  }

  /** Resolves true once every written command is acknowledged (and the probe settled), false after `maxWaitMs`. */
  async drained(maxWaitMs: number): Promise<boolean> {
    const { clock } = this.options;
    const deadline = clock.now() + maxWaitMs;
    if (this.probe) await Promise.race([this.ready, new Promise<void>((resolve) => clock.setTimer(maxWaitMs, resolve))]);
    if (this.probe) return false;
    return this.writer.drained(Math.max(0, deadline - clock.now()));
  }

  get counters() {
    return this.writer.counters;
  }

  /** Route commands written so far (a read-back answered across a later one is out of date). */
  get routeCommandsWritten(): number {
    return this.writer.routeCommandsWritten;
  }

  recentCommandsFor(peer: string): string[] {
    return this.writer.recentCommandsFor(peer);
  }

  /** What the probe found: the ExaBGP version, the dialect and whether acks are on. */
  get detected() {
    return { version: this.version?.text, dialect: this.dialect, acks: this.writer.acksEnabled ? 'on' : 'off' } as const;
  }

  private whenReady<T>(action: () => Promise<T>): Promise<T> {
    if (!this.probe) return action();
    return new Promise((resolve) => this.waiting.push(() => void action().then(resolve)));
  }

  private settleProbe(windowClosed: boolean): void {
    const probe = this.probe;
    if (!probe) return;
    const { clock, logger } = this.options;
    const detection = detectExabgp(probe.lines, {
      sentAtMs: probe.sentAtMs,
      windowMs: this.options.probeWindowMs ?? 1000,
      nowMs: windowClosed ? Number.POSITIVE_INFINITY : clock.now(),
    });
    if (!detection.settled) return;
    probe.cancel();
    this.probe = undefined;
    this.version = detection.version;
    if (this.options.dialect === 'auto') this.dialect = detection.dialect;
    if (this.options.acks === 'auto') this.writer.useAcks(detection.acks === 'on');
    logger.info({ exabgp: detection.version?.text ?? 'unknown', dialect: this.dialect, acks: this.writer.acksEnabled ? 'on' : 'off' }, 'exabgp detected');
    this.settled();
  }

  private settled(): void {
    this.markReady();
    for (const action of this.waiting.splice(0)) action();
  }

  /**
   * Groups only in the 4.x/5.x dialect: 4.2 answers grouped commands as measured (one ack,
   * one UPDATE); 6.x accepts them too, but no real 6.x runs in the tests to prove it.
   */
  private writeRoutes(intents: readonly RouteIntent[], service: string | undefined): void {
    const send: RouteIntent[] = [];
    const unsendable: string[] = [];
    for (const intent of intents) {
      const routed = addressRoute(intent, this.families);
      if (!routed) unsendable.push(intent.prefix);
      else send.push(routed);
      if (routed && routed !== intent) this.originals.set(routed, intent);
    }
    if (unsendable.length > 0) this.options.logger.warn({ service, prefixes: unsendable }, 'no ExaBGP session carries the family of these routes: not sent');
    if (this.options.groupRoutes === false || this.dialect !== 'neighbor' || send.length < 2) {
      for (const intent of send) this.writeRoute(intent, service);
      return;
    }
    for (const group of groupAdjacentRoutes(send, this.dialect)) {
      if (group.length === 1) this.writeRoute(group[0] as RouteIntent, service);
      else this.writeRouteGroup(group, service);
    }
  }

  private writeRouteGroup(group: readonly RouteIntent[], service: string | undefined): void {
    let command: string;
    try {
      command = formatGroupedRouteCommand(group, this.dialect, this.validation());
    } catch {
      // One route in the group is invalid: each on its own, so only that one is refused.
      for (const intent of group) this.writeRoute(intent, service);
      return;
    }
    this.writer.writeRoutes(command, group, service);
  }

  private writeRoute(intent: RouteIntent, service: string | undefined): void {
    let command: string;
    try {
      command = formatRouteCommand(intent, this.dialect, this.validation());
    } catch (error) {
      // Validation failed: nothing is written, so no ack is owed and none can be misattributed.
      this.options.logger.error({ err: error, code: (error as { code?: string }).code, intent }, 'route refused before writing');
      this.options.onRoutesFailed?.([this.originals.get(intent) ?? intent], (error as Error).message, service);
      return;
    }
    this.writer.writeRoutes(command, [intent], service);
  }

  private validation(): { allowed?: readonly AllowedPrefix[] } {
    return this.options.allowed ? { allowed: this.options.allowed } : {};
  }
}
