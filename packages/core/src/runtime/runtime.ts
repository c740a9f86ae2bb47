import { isDeepStrictEqual } from 'node:util';
import { announcedRoutes, planRouteChanges, planWithdrawAll, type RouteBook } from '../announce/plan-route-changes.js';
import { planStaleWithdraws } from '../announce/plan-stale-withdraws.js';
import type { RouteIntent } from '../announce/route-intent.js';
import { routeKey } from '../announce/route-key.js';
import { ExaplugError, isExaplugError } from '../errors.js';
import type { InterfaceAddresses } from '../adapters/interface-addresses.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import { parseShowOutput } from '../protocol/parse-show-output.js';
import { validateRouteIntent } from '../protocol/validate-route-intent.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { CommandChannel } from './command-channel.js';
import type { LineSink } from './line-sink.js';
import { applyNeighborMessage, applyShowRow, type NeighborTable } from './neighbor-table.js';
import { logRuntimeEvents } from './log-runtime-events.js';
import { RuntimeEvents } from './runtime-events.js';
import { ServiceRunner, type ServiceStatus } from './service-runner.js';

export interface RuntimeOptions {
  config: ExaplugConfig;
  services: PreparedService[];
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  random?: () => number;
  isDisabled?: (path: string) => Promise<boolean>;
  /** ExaBGP said it is shutting down; the shell should stop and exit. */
  onShutdownMessage?: () => void;
  probeWindowMs?: number;
  /** Service IPs on an interface (`ipSetup`): added before anything is announced, removed after the withdraws. */
  addresses?: InterfaceAddresses;
  /** The table the checks were given (prepareServices); the runtime keeps it up to date. */
  neighbors?: NeighborTable;
  /** Writes or removes a service's drain file (`exaplug drain`); the runners read it each round. */
  persistDrain?: (serviceName: string, drained: boolean) => Promise<void>;
  /** The drain file of a service, when drains are kept (the process shell sets both). */
  drainFileOf?: (serviceName: string) => string;
  /** Subscribers may be attached before start (metrics, hooks, the control socket); logging always is. */
  events?: RuntimeEvents;
}

export interface StopOptions {
  /** False when ExaBGP is gone (stdin EOF): there is nobody to withdraw from. */
  withdraw: boolean;
  /** How long to wait for ExaBGP's acks to the withdraws. */
  maxWaitMs?: number;
}

/**
 * The only stateful piece: lines from ExaBGP and check results in, commands out.
 * Everything it decides is delegated to pure functions; it holds the state between them.
 */
export class Runtime {
  private readonly options: RuntimeOptions;
  private readonly channel: CommandChannel;
  private readonly runners: ServiceRunner[];
  /**
   * What ExaBGP holds for each service (by service name): only what was written, and
   * forgotten again when ExaBGP refuses it or never acknowledges it.
   */
  private readonly books = new Map<string, RouteBook>();
  /** Routes `show adj-rib out` listed at start, for reconciliation. */
  private readonly heldAtStart: string[] = [];
  private stopping: Promise<void> | undefined;
  readonly neighbors: NeighborTable;
  /** What happens inside, as typed events: logging, metrics, hooks and the control socket listen. */
  readonly events: RuntimeEvents;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.neighbors = options.neighbors ?? new Map();
    const { config, clock, logger, sink } = options;
    this.events = options.events ?? new RuntimeEvents((error, event) => logger.error({ err: error, event: event.type }, 'an event listener failed'));
    logRuntimeEvents(this.events, logger);
    this.channel = new CommandChannel({
      sink,
      clock,
      logger: logger.child({ component: 'exabgp' }),
      acks: config.exabgp.acks,
      dialect: config.exabgp.dialect,
      ackTimeoutMs: config.exabgp.ackTimeout,
      ...(options.probeWindowMs !== undefined && { probeWindowMs: options.probeWindowMs }),
      startupQueries: startupQueriesFor(options.services, config),
      allowed: config.allowedPrefixes,
      onQueryOutput: (command, text) => this.receiveQueryOutput(command, text),
      onRouteFailed: (intent, reason) => this.forgetRoute(intent, reason),
      events: this.events,
    });
    this.runners = options.services.map(
      (service) =>
        new ServiceRunner({
          service,
          clock,
          logger,
          random: options.random ?? Math.random,
          announce: (name, intents) => this.announce(name, intents),
          events: this.events,
          ...(options.drainFileOf && {
            drain: {
              file: options.drainFileOf(service.config.name),
              gracefulShutdown: config.drain.gracefulShutdown,
              withdrawAfterMs: config.drain.withdrawAfter,
            },
          }),
          allowed: config.allowedPrefixes,
          ...(options.isDisabled && { isDisabled: options.isDisabled }),
        }),
    );
  }

  /** Starts the probe, then the checks once ExaBGP has told what it knows. */
  start(): void {
    this.channel.start();
    void Promise.all([this.channel.ready, this.setUpAddresses()]).then(([, addressesReady]) => {
      if (this.stopping || !addressesReady) return;
      this.reconcile();
      this.runners.forEach((runner, index) => runner.start(firstCheckDelay(index, this.runners.length, this.options.services[index]?.config.timing.interval ?? 0)));
    });
  }

  /** False when the service IPs could not be put on the interface: announcing them would black-hole traffic. */
  private async setUpAddresses(): Promise<boolean> {
    const { addresses, services, logger } = this.options;
    if (!addresses) return true;
    try {
      await addresses.add(services.flatMap((service) => service.config.ips));
      return true;
    } catch (error) {
      logger.error({ err: error, code: 'EXAPLUG_IP_SETUP' }, 'cannot put the service IPs on the interface: nothing will be announced');
      return false;
    }
  }

  /** One line from ExaBGP (stdin). Never throws: a bad line is logged and skipped. */
  receiveLine(line: string): void {
    const parsed = parseExabgpLine(line);
    const { logger, clock } = this.options;
    switch (parsed.kind) {
      case 'empty':
        return;
      case 'unknown':
        logger.warn({ line: parsed.line.slice(0, 500), reason: parsed.reason }, 'unreadable line from exabgp skipped');
        return;
      case 'ack':
        this.channel.receive(parsed);
        return;
      case 'output':
        this.channel.receive(parsed);
        return;
      case 'message': {
        const message = parsed.message;
        if (message.type === 'shutdown') {
          logger.info('exabgp is shutting down');
          this.options.onShutdownMessage?.();
          return;
        }
        if (message.type === 'state') {
          this.events.emit({ type: 'neighborChanged', peer: message.neighbor.peer, state: message.state, ...(message.reason !== undefined && { reason: message.reason }) });
        }
        const { cameUp } = applyNeighborMessage(this.neighbors, message, clock.now());
        if (cameUp) this.reannounce(cameUp);
      }
    }
  }

  /** Stops checks, withdraws (unless told not to, or `onStop: keep`), closes plugins. Idempotent. */
  stop(options: StopOptions): Promise<void> {
    this.stopping ??= this.doStop(options);
    return this.stopping;
  }

  /**
   * Drains services (RFC 8326: GRACEFUL_SHUTDOWN and the disabled metrics, then a withdraw
   * after `drain.withdrawAfter`), or undrains them (they rise again through `rise` passes).
   * With `wait`, resolves once every drain is complete and ExaBGP has acknowledged it: the
   * pre-stop step of a planned ExaBGP stop.
   */
  async setDrained(names: readonly string[], drained: boolean, options: { wait?: boolean } = {}): Promise<void> {
    const runners = names.map((name) => this.runnerOf(name));
    for (const runner of runners) await this.options.persistDrain?.(runner.status.name, drained);
    await Promise.all(runners.map((runner) => runner.checkNow()));
    if (!drained || !options.wait) return;
    await Promise.all(runners.map((runner) => runner.drainSettled()));
    await this.channel.drained(this.options.config.exabgp.ackTimeout);
  }

  /** Runs a service's check now (`exaplug recheck`). */
  recheck(name: string): Promise<void> {
    return this.runnerOf(name).checkNow();
  }

  get serviceNames(): string[] {
    return this.runners.map((runner) => runner.status.name);
  }

  private runnerOf(name: string): ServiceRunner {
    const runner = this.runners.find((candidate) => candidate.status.name === name);
    if (!runner) throw new ExaplugError('EXAPLUG_UNKNOWN_SERVICE', `no service named ${JSON.stringify(name)} (services: ${this.serviceNames.join(', ')})`);
    return runner;
  }

  get status(): ServiceStatus[] {
    return this.runners.map((runner) => runner.status);
  }

  /** Each service's routes as last written and not refused. */
  routesByService(): Map<string, RouteIntent[]> {
    return new Map([...this.books].map(([name, book]) => [name, [...book.values()]]));
  }

  /** Every route as last written and not refused, across services. */
  get routes(): RouteIntent[] {
    return [...this.books.values()].flatMap((book) => [...book.values()]);
  }

  get exabgp() {
    return { ...this.channel.detected, counters: this.channel.counters };
  }

  /**
   * One service's routes for its new state. Checked again by the writer's validator before
   * anything is recorded: refused routes leave the book and ExaBGP as they were, and the
   * service is told so (false) instead of believing a change that never reached ExaBGP.
   */
  private announce(serviceName: string, intents: RouteIntent[]): boolean {
    if (this.stopping) return false;
    const { logger, config } = this.options;
    try {
      for (const intent of intents) validateRouteIntent(intent, config.allowedPrefixes ? { allowed: config.allowedPrefixes } : {});
    } catch (error) {
      const code = isExaplugError(error) ? error.code : undefined;
      logger.error({ err: error, code, service: serviceName }, 'routes refused before writing; nothing written');
      return false;
    }
    const changes = planRouteChanges(this.books.get(serviceName) ?? new Map(), intents);
    this.books.set(serviceName, changes.book);
    this.channel.sendRoutes(changes.send);
    return true;
  }

  /** ExaBGP refused a route or never confirmed it: it leaves the book, and its service re-announces. */
  private forgetRoute(intent: RouteIntent, reason: string): void {
    const key = routeKey(intent);
    for (const [serviceName, book] of this.books) {
      if (!isDeepStrictEqual(book.get(key), intent)) continue;
      const next = new Map(book);
      next.delete(key);
      this.books.set(serviceName, next);
      this.runners.find((runner) => runner.status.name === serviceName)?.forgetAnnouncement();
      this.options.logger.error({ service: serviceName, prefix: intent.prefix, reason }, 'exabgp did not take a route; it will be announced again');
      return;
    }
  }

  private receiveQueryOutput(command: string | undefined, text: string): void {
    if (command === 'show adj-rib out') {
      const row = parseShowOutput(text);
      if (row?.kind === 'rib') this.heldAtStart.push(row.prefix);
      return;
    }
    const row = parseShowOutput(text);
    if (row) applyShowRow(this.neighbors, row, this.options.clock.now());
  }

  /**
   * Withdraws what a previous exaplug left in ExaBGP and no service owns any more (an IP
   * removed from the config, a renamed service), inside the allow-list only.
   */
  private reconcile(): void {
    const { config, logger } = this.options;
    if (!config.allowedPrefixes) return;
    if (this.channel.detected.acks === 'off') {
      logger.warn('acks are off: answers to `show adj-rib out` cannot be told apart, so stale routes are not reconciled');
      return;
    }
    const owned = new Set(this.options.services.flatMap((service) => service.config.ips));
    const withdraws = planStaleWithdraws(this.heldAtStart.splice(0), owned, config.allowedPrefixes);
    if (withdraws.length === 0) return;
    this.events.emit({ type: 'staleRoutesWithdrawn', prefixes: withdraws.map((intent) => intent.prefix) });
    this.channel.sendRoutes(withdraws);
  }

  /**
   * A session came (back) up: what is announced goes again to that neighbor only (`neighbor
   * <ip> announce …`), not to every peer, which re-sent each route to N sessions while one
   * flapped. Routes restricted to other neighbors are left out. Not recorded in the book:
   * the book's routes are unchanged.
   */
  private reannounce(peer: string): void {
    const routes = [...this.books.values()]
      .flatMap((book) => announcedRoutes(book))
      .filter((route) => !route.neighbors?.length || route.neighbors.includes(peer))
      .map((route): RouteIntent => ({ ...route, neighbors: [peer] }));
    if (routes.length === 0) return;
    this.options.logger.info({ peer, routes: routes.length }, 'neighbor up: re-announcing to it');
    this.channel.sendRoutes(routes);
  }

  private async doStop({ withdraw, maxWaitMs = 2000 }: StopOptions): Promise<void> {
    for (const runner of this.runners) runner.stop();
    if (withdraw && this.options.config.onStop === 'withdraw') {
      for (const [serviceName, book] of this.books) {
        const changes = planWithdrawAll(book);
        this.books.set(serviceName, changes.book);
        this.channel.sendRoutes(changes.send);
      }
      await this.channel.drained(maxWaitMs);
    }
    // Only after the withdraws (or with ExaBGP gone): an address removed while still
    // announced black-holes its traffic. `onStop: keep` keeps the routes, so the addresses too.
    if (this.options.config.onStop === 'withdraw') await this.options.addresses?.removeAdded();
    await closeServices(this.options.services);
  }
}

/**
 * The sessions are always asked for (a few lines); the received routes only when a check
 * needs them, since a full-table peer would answer with a million lines.
 */
function startupQueriesFor(services: readonly PreparedService[], config: ExaplugConfig): string[] {
  const needsRoutes = services.some((service) => service.checkName === 'neighbor' && service.config.check.with.prefix !== undefined);
  return [
    'show neighbor summary',
    ...(needsRoutes ? ['show adj-rib in'] : []),
    // What we announce is small (our own routes), and needed only to reconcile inside the allow-list.
    ...(config.allowedPrefixes ? ['show adj-rib out'] : []),
  ];
}

/**
 * Staggers the first checks so that a thousand services do not all fire in one tick (and
 * then every interval in lockstep): service i of n starts i × min(interval / n, 10 ms)
 * late. A handful of services start within a few milliseconds; a thousand spread over
 * their interval.
 */
export function firstCheckDelay(index: number, count: number, intervalMs: number): number {
  return Math.floor(index * Math.min(intervalMs / Math.max(count, 1), 10));
}
