import type { RouteIntent } from '../announce/route-intent.js';
import { ExaplugError } from '../errors.js';
import type { InterfaceAddresses } from '../adapters/interface-addresses.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import type { StateMessage } from '../protocol/messages.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { ExabgpSession } from './exabgp-session.js';
import { withdrawStaleRoutes } from './held-routes.js';
import { learnWhatExabgpKnows } from './learn-exabgp.js';
import type { LineSink } from './line-sink.js';
import { applyNeighborMessage, type NeighborTable, type NeighborTablePolicy } from './neighbor-table.js';
import { RouteDesk } from './route-desk.js';
import { RouteReadback } from './route-readback.js';
import { logRuntimeEvents } from './log-runtime-events.js';
import { RuntimeEvents } from './runtime-events.js';
import { createRepeatLimiter, type RepeatVerdict } from './repeat-limiter.js';
import { ServiceRunner, type RunnerVerdict, type ServiceStatus } from './service-runner.js';
import { planReload, type ReloadSummary } from './plan-reload.js';
import { initialHealthState } from '../health/health-state.js';
import { DrainControl, type DrainStore } from './drain-control.js';

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
  /** Where maintenance drains are kept (`exaplug drain`), so they survive a restart; absent: no drains. */
  drains?: DrainStore;
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
  private readonly session: ExabgpSession;
  /** What ExaBGP holds for each service: only what was written, and forgotten again when ExaBGP refuses it. */
  private readonly desk: RouteDesk;
  private readonly readback: RouteReadback;
  private runners: ServiceRunner[];
  /** The config and services in force: replaced by a live reload. */
  private config: ExaplugConfig;
  private services: PreparedService[];
  private started = false;
  private stopping: Promise<void> | undefined;
  readonly neighbors: NeighborTable;
  /** What happens inside, as typed events: logging, metrics, hooks and the control socket listen. */
  readonly events: RuntimeEvents;
  private readonly tablePolicy: NeighborTablePolicy;
  /** Log budgets: garbage from ExaBGP is worth a few lines a minute, session changes more. */
  private readonly allowUnreadableLog: (kind: string) => RepeatVerdict;
  private readonly drains: DrainControl;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.neighbors = options.neighbors ?? new Map();
    const { config, clock, logger, sink } = options;
    this.tablePolicy = { keepPrefixes: new Set(options.services.flatMap((service) => service.receivedRoutes)) };
    this.allowUnreadableLog = createRepeatLimiter(clock, { burst: 10, windowMs: 60_000 });
    this.events = options.events ?? new RuntimeEvents((error, event) => logger.error({ err: error, event: event.type }, 'an event listener failed'));
    this.config = config;
    this.services = options.services;
    this.drains = new DrainControl(options.drains, clock);
    logRuntimeEvents(this.events, logger, clock);
    this.session = new ExabgpSession({
      sink,
      clock,
      logger: logger.child({ component: 'exabgp' }),
      acks: config.exabgp.acks,
      dialect: config.exabgp.dialect,
      ackTimeoutMs: config.exabgp.ackTimeout,
      groupRoutes: config.exabgp.groupRoutes,
      probeWindowMs: options.probeWindowMs,
      allowed: config.allowedPrefixes,
      events: this.events,
      onRoutesFailed: (intents, reason, service) => this.desk.forget(intents, reason, service),
    });
    this.desk = new RouteDesk({
      session: this.session,
      clock,
      logger,
      allowed: () => this.config.allowedPrefixes,
      onForgotten: (service) => this.runners.find((runner) => runner.status.name === service)?.forgetAnnouncement(),
      onWritten: () => this.readback.routesWritten(),
    });
    this.readback = new RouteReadback({
      session: this.session,
      desk: this.desk,
      clock,
      logger,
      events: this.events,
      owns: (prefix) => this.services.some((service) => service.config.ips.includes(prefix)),
      intervalMs: config.exabgp.readBack.interval,
      delayMs: config.exabgp.readBack.delay,
    });
    this.runners = options.services.map((service) => this.createRunner(service));
  }

  /**
   * A runner for a service, with its predecessor's verdict when a reload kept the check;
   * otherwise, if its prefixes were written recently (a service removed and added back),
   * that moment, so `minDwell` holds across reloads too.
   */
  private createRunner(service: PreparedService, inherit?: RunnerVerdict): ServiceRunner {
    const { options, config } = this;
    const lastWrittenAtMs = this.desk.lastWrittenAtMs(service.config.ips);
    const verdict = inherit ?? (lastWrittenAtMs === undefined ? undefined : { ...emptyVerdict, announcedAtMs: lastWrittenAtMs });
    return new ServiceRunner({
      inherit: verdict,
      service,
      clock: options.clock,
      logger: options.logger,
      random: options.random ?? Math.random,
      announce: (name, intents) => !this.stopping && this.desk.announce(name, intents),
      events: this.events,
      ...(options.drains && {
        drain: {
          file: options.drains.fileOf(service.config.name),
          gracefulShutdown: config.drain.gracefulShutdown,
          withdrawAfterMs: config.drain.withdrawAfter,
        },
      }),
      allowed: config.allowedPrefixes,
      ...(options.isDisabled && { isDisabled: options.isDisabled }),
      isDrained: (path) => this.drains.isDrained(path),
    });
  }

  /** Starts the probe, then the checks once ExaBGP has told what it knows and stale routes are withdrawn. */
  start(): void {
    this.session.start();
    const learned = learnWhatExabgpKnows(this.session, this.neighbors, this.tablePolicy, this.options.clock);
    void Promise.all([learned, this.setUpAddresses()]).then(async ([, addressesReady]) => {
      if (this.stopping || !addressesReady) return;
      await this.withdrawStale();
      if (this.stopping) return;
      this.started = true;
      void this.tellKeptDrains();
      this.runners.forEach((runner, index) => runner.start(firstCheckDelay(index, this.runners.length, runner.intervalMs)));
      this.readback.start();
    });
  }

  /** False when the service IPs could not be put on the interface: announcing them would black-hole traffic. */
  private async setUpAddresses(): Promise<boolean> {
    const { addresses, services, logger } = this.options;
    if (!addresses) return true;
    try {
      await addresses.add(services.flatMap((service) => service.config.ips));
      // Reloads add the IPs of new services before they can announce (see reload).
      return true;
    } catch (error) {
      logger.error({ err: error, code: 'EXAPLUG_IP_SETUP' }, 'cannot put the service IPs on the interface: nothing will be announced');
      return false;
    }
  }

  /** A node that starts drained serves nothing until someone undrains it: that must be loud. */
  private async tellKeptDrains(): Promise<void> {
    const kept = await this.drains.keptDrains(this.serviceNames);
    if (kept.length === 0) return;
    const since = kept.map(({ service, since }) => `${service} since ${since}`).join(', ');
    this.options.logger.warn({ services: kept.map((entry) => entry.service) }, `starting drained: ${kept.length} services (${since}); \`exaplug undrain\` to serve again`);
  }

  /** What a previous exaplug left in ExaBGP and no service owns any more goes, inside the allow-list only. */
  private async withdrawStale(): Promise<void> {
    const allowed = this.config.allowedPrefixes;
    if (!allowed) return;
    const owned = new Set(this.services.flatMap((service) => service.config.ips));
    const prefixes = await withdrawStaleRoutes(this.session, { allowed, owned, logger: this.options.logger });
    if (prefixes.length > 0) this.events.emit({ type: 'staleRoutesWithdrawn', prefixes });
  }

  /** One line from ExaBGP (stdin). Never throws: a bad line is logged and skipped. */
  receiveLine(line: string): void {
    const parsed = parseExabgpLine(line);
    const { logger, clock } = this.options;
    switch (parsed.kind) {
      case 'empty':
        return;
      case 'unknown': {
        const verdict = this.allowUnreadableLog('unreadable line');
        if (verdict.log) logger.warn({ line: parsed.line.slice(0, 500), reason: parsed.reason, ...(verdict.suppressed > 0 && { suppressed: verdict.suppressed }) }, 'unreadable line from exabgp skipped');
        return;
      }
      case 'ack':
      case 'output':
        this.session.receive(parsed);
        return;
      case 'message': {
        const message = parsed.message;
        if (message.type === 'shutdown') {
          logger.info('exabgp is shutting down');
          this.options.onShutdownMessage?.();
          return;
        }
        const { cameUp, stateChanged } = applyNeighborMessage(this.neighbors, message, clock.now(), this.tablePolicy);
        if (message.type === 'state' && stateChanged) this.neighborChanged(message);
        if (cameUp) this.reannounce(cameUp);
      }
    }
  }

  private neighborChanged(message: StateMessage): void {
    const { peer } = message.neighbor;
    this.events.emit({ type: 'neighborChanged', peer, state: message.state, ...(message.reason !== undefined && { reason: message.reason }) });
    // A peer that closes the session with an UPDATE Message Error (3,x) could not read what it was sent.
    if (message.state === 'down' && /notification received \(3,/i.test(message.reason ?? '')) {
      const verdict = this.allowUnreadableLog('update error');
      const lastCommands = this.session.recentCommandsFor(peer);
      if (verdict.log) this.options.logger.error({ peer, reason: message.reason, lastCommands, suppressed: verdict.suppressed }, 'a peer refused an UPDATE (NOTIFICATION 3,x): the last commands that reached it follow');
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
   * pre-stop step of a planned ExaBGP stop. `keep: false` (a drain for that stop) is not
   * kept across a restart.
   */
  async setDrained(names: readonly string[], drained: boolean, options: { wait?: boolean; keep?: boolean } = {}): Promise<void> {
    const runners = names.map((name) => this.runnerOf(name));
    for (const runner of runners) await this.drains.set(runner.status.name, drained, options.keep ?? true);
    await Promise.all(runners.map((runner) => runner.checkNow()));
    if (!drained || !options.wait) return;
    await Promise.all(runners.map((runner) => runner.drainSettled()));
    await this.session.drained(this.config.exabgp.ackTimeout);
  }

  /**
   * Applies a new, already validated config without a restart (see `planReload`): kept
   * services are not touched; changed and added ones get new runners, with the old verdict
   * when the check is the same; prefixes that move between services keep their routes until
   * the new owner decides; only prefixes no service owns any more are withdrawn. The newly
   * prepared duplicates of kept services are closed.
   */
  async reload(config: ExaplugConfig, prepared: PreparedService[]): Promise<ReloadSummary> {
    const plan = planReload(
      this.services.map((service) => service.config),
      prepared.map((service) => service.config),
      fingerprintOfGlobals(config) !== fingerprintOfGlobals(this.config),
    );
    const before = new Map(this.services.map((service, index) => [service.config.name, { service, runner: this.runners[index] as ServiceRunner }]));
    const kept = new Set(plan.kept);
    this.config = config;
    for (const move of plan.moves) this.desk.transfer(move.prefixes, move.from, move.to);
    const entries = prepared.map((service) => {
      const name = service.config.name;
      if (kept.has(name)) return { ...(before.get(name) as { service: PreparedService; runner: ServiceRunner }), fresh: false };
      const predecessor = plan.inherits.get(name);
      return { service, runner: this.createRunner(service, predecessor === undefined ? undefined : before.get(predecessor)?.runner.verdict), fresh: true };
    });
    for (const name of [...plan.changed, ...plan.removed]) before.get(name)?.runner.stop();
    for (const service of prepared) if (plan.changed.includes(service.config.name)) this.desk.withdrawOutside(service.config.name, new Set(service.config.ips));
    for (const name of plan.removed) this.desk.withdrawOutside(name, new Set(), true);
    const closing = [...prepared.filter((service) => kept.has(service.config.name)), ...[...plan.changed, ...plan.removed].map((name) => before.get(name)?.service as PreparedService)];
    this.services = entries.map((entry) => entry.service);
    this.runners = entries.map((entry) => entry.runner);
    const owned = new Set(this.services.flatMap((service) => service.config.ips));
    const released = [...new Set(closing.flatMap((service) => service.config.ips))].filter((ip) => !owned.has(ip));
    if (plan.added.length > 0) await this.options.addresses?.add([...owned]);
    const starting = entries.filter((entry) => entry.fresh).map((entry) => entry.runner);
    if (this.started && !this.stopping) starting.forEach((runner, index) => runner.start(firstCheckDelay(index, starting.length, runner.intervalMs)));
    if (released.length > 0) void this.releaseAddresses(released);
    await closeServices(closing);
    const summary = { kept: plan.kept, added: plan.added, changed: plan.changed, removed: plan.removed };
    this.events.emit({ type: 'configReloaded', ...summary });
    return summary;
  }

  /**
   * Takes the IPs no service owns any more off the interface, once ExaBGP has acknowledged
   * their withdraws: the other order black-holes their traffic. Unacknowledged in time, they
   * stay (an address costs nothing; a route without one does).
   */
  private async releaseAddresses(ips: readonly string[]): Promise<void> {
    const { addresses, logger } = this.options;
    if (!addresses) return;
    if (await this.session.drained(5000)) await addresses.remove(ips);
    else logger.warn({ addresses: ips }, 'withdraws not acknowledged in time: the addresses of removed services stay on the interface');
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
    return this.desk.routesByService();
  }

  /** Every route as last written and not refused, across services. */
  get routes(): RouteIntent[] {
    return [...this.desk.routesByService().values()].flat();
  }

  get exabgp() {
    return { ...this.session.detected, counters: this.session.counters, readBack: this.readback.report() };
  }

  private reannounce(peer: string): void {
    const count = this.desk.reannounce(peer);
    if (count > 0) this.options.logger.info({ peer, routes: count }, 'neighbor up: re-announcing to it');
  }

  private async doStop({ withdraw, maxWaitMs = 2000 }: StopOptions): Promise<void> {
    for (const runner of this.runners) runner.stop();
    this.readback.stop();
    if (withdraw && this.config.onStop === 'withdraw') {
      this.desk.withdrawAll();
      await this.session.drained(maxWaitMs);
    }
    // Only after the withdraws (or with ExaBGP gone): an address removed while still
    // announced black-holes its traffic. `onStop: keep` keeps the routes, so the addresses too.
    if (this.config.onStop === 'withdraw') await this.options.addresses?.removeAdded();
    await closeServices(this.services);
  }
}

export type { ReloadSummary } from './plan-reload.js';

/** A runner that has decided nothing yet. */
const emptyVerdict: RunnerVerdict = { state: initialHealthState, announced: undefined, announcedAtMs: undefined, target: undefined, lastResult: undefined };

/** The settings every runner is built with: when they change, every service restarts its checks. */
function fingerprintOfGlobals(config: ExaplugConfig): string {
  return JSON.stringify([config.allowedPrefixes?.map((entry) => entry.text), config.drain]);
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
