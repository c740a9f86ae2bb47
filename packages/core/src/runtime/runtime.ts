import { announcedRoutes, planRouteChanges, planWithdrawAll, type RouteBook } from '../announce/plan-route-changes.js';
import type { RouteIntent } from '../announce/route-intent.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import { parseShowOutput } from '../protocol/parse-show-output.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { CommandChannel } from './command-channel.js';
import type { LineSink } from './line-sink.js';
import { applyNeighborMessage, applyShowRow, type NeighborTable, type NeighborTablePolicy } from './neighbor-table.js';
import { createRepeatLimiter, type RepeatVerdict } from './repeat-limiter.js';
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
  /** The table the checks were given (prepareServices); the runtime keeps it up to date. */
  neighbors?: NeighborTable;
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
  private book: RouteBook = new Map();
  private stopping: Promise<void> | undefined;
  readonly neighbors: NeighborTable;
  private readonly tablePolicy: NeighborTablePolicy;
  /** Log budgets: garbage from ExaBGP is worth a few lines a minute, session changes more. */
  private readonly allowLog: Record<'unreadable' | 'state', (kind: string) => RepeatVerdict>;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.neighbors = options.neighbors ?? new Map();
    const { config, clock, logger, sink } = options;
    this.tablePolicy = { keepPrefixes: new Set(options.services.flatMap((service) => service.receivedRoutes)) };
    this.allowLog = { unreadable: createRepeatLimiter(clock, { burst: 10, windowMs: 60_000 }), state: createRepeatLimiter(clock, { burst: 100, windowMs: 60_000 }) };
    this.channel = new CommandChannel({
      sink,
      clock,
      logger: logger.child({ component: 'exabgp' }),
      acks: config.exabgp.acks,
      dialect: config.exabgp.dialect,
      ackTimeoutMs: config.exabgp.ackTimeout,
      ...(options.probeWindowMs !== undefined && { probeWindowMs: options.probeWindowMs }),
      startupQueries: startupQueriesFor(this.tablePolicy),
    });
    this.runners = options.services.map(
      (service) =>
        new ServiceRunner({
          service,
          clock,
          logger,
          random: options.random ?? Math.random,
          onRoutes: (_name, intents) => this.announce(intents),
          ...(options.isDisabled && { isDisabled: options.isDisabled }),
        }),
    );
  }

  /** Starts the probe, then the checks once ExaBGP has told what it knows. */
  start(): void {
    this.channel.start();
    void this.channel.ready.then(() => {
      if (this.stopping) return;
      for (const runner of this.runners) runner.start();
    });
  }

  /** One line from ExaBGP (stdin). Never throws: a bad line is logged and skipped. */
  receiveLine(line: string): void {
    const parsed = parseExabgpLine(line);
    const { logger, clock } = this.options;
    switch (parsed.kind) {
      case 'empty':
        return;
      case 'unknown': {
        const verdict = this.allowLog.unreadable('unreadable line');
        if (verdict.log) logger.warn({ line: parsed.line.slice(0, 500), reason: parsed.reason, ...(verdict.suppressed > 0 && { suppressed: verdict.suppressed }) }, 'unreadable line from exabgp skipped');
        return;
      }
      case 'ack':
        this.channel.receive(parsed);
        return;
      case 'output': {
        this.channel.receive(parsed);
        const row = parseShowOutput(parsed.text);
        if (row) applyShowRow(this.neighbors, row, clock.now(), this.tablePolicy);
        return;
      }
      case 'message': {
        const message = parsed.message;
        if (message.type === 'shutdown') {
          logger.info('exabgp is shutting down');
          this.options.onShutdownMessage?.();
          return;
        }
        const { cameUp, stateChanged } = applyNeighborMessage(this.neighbors, message, clock.now(), this.tablePolicy);
        if (message.type === 'state' && stateChanged) {
          const verdict = this.allowLog.state('neighbor state');
          if (verdict.log) logger.info({ peer: message.neighbor.peer, state: message.state, reason: message.reason, ...(verdict.suppressed > 0 && { suppressed: verdict.suppressed }) }, 'neighbor state');
        }
        if (cameUp) this.reannounce(cameUp);
      }
    }
  }

  /** Stops checks, withdraws (unless told not to, or `onStop: keep`), closes plugins. Idempotent. */
  stop(options: StopOptions): Promise<void> {
    this.stopping ??= this.doStop(options);
    return this.stopping;
  }

  get status(): ServiceStatus[] {
    return this.runners.map((runner) => runner.status);
  }

  get routes(): RouteIntent[] {
    return [...this.book.values()];
  }

  get exabgp() {
    return { ...this.channel.detected, counters: this.channel.counters };
  }

  private announce(intents: RouteIntent[]): void {
    if (this.stopping) return;
    const changes = planRouteChanges(this.book, intents);
    this.book = changes.book;
    this.channel.sendRoutes(changes.send);
  }

  private reannounce(peer: string): void {
    const routes = announcedRoutes(this.book);
    if (routes.length === 0) return;
    this.options.logger.info({ peer, routes: routes.length }, 'neighbor up: re-announcing');
    this.channel.sendRoutes(routes);
  }

  private async doStop({ withdraw, maxWaitMs = 2000 }: StopOptions): Promise<void> {
    for (const runner of this.runners) runner.stop();
    if (withdraw && this.options.config.onStop === 'withdraw') {
      const changes = planWithdrawAll(this.book);
      this.book = changes.book;
      this.channel.sendRoutes(changes.send);
      await this.channel.drained(maxWaitMs);
    }
    await closeServices(this.options.services);
  }
}

/**
 * The sessions are always asked for (a few lines); the received routes only when a check
 * needs them, since a full-table peer would answer with a million lines.
 */
function startupQueriesFor(policy: NeighborTablePolicy): string[] {
  return policy.keepPrefixes?.size ? ['show neighbor summary', 'show adj-rib in'] : ['show neighbor summary'];
}
