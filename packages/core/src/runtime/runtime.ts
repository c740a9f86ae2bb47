import type { RouteIntent } from '../announce/route-intent.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import { parseExabgpLine } from '../protocol/parse-exabgp-line.js';
import type { StateMessage } from '../protocol/messages.js';
import { closeServices, type PreparedService } from '../plugins/prepare-services.js';
import { ExabgpSession } from './exabgp-session.js';
import { withdrawStaleRoutes } from './held-routes.js';
import { learnWhatExabgpKnows } from './learn-exabgp.js';
import { applyNeighborMessage, type NeighborTable, type NeighborTablePolicy } from './neighbor-table.js';
import { RouteDesk } from './route-desk.js';
import { RouteReadback } from './route-readback.js';
import { logRuntimeEvents } from './log-runtime-events.js';
import { RuntimeEvents } from './runtime-events.js';
import { createRepeatLimiter, type RepeatVerdict } from './repeat-limiter.js';
import { ServiceRunner, type RunnerVerdict, type ServiceStatus } from './service-runner.js';
import { ServiceSet } from './service-set.js';
import { fingerprintOfGlobals, planReload, type ReloadSummary } from './plan-reload.js';
import { initialHealthState } from '../health/health-state.js';
import { DrainControl } from './drain-control.js';
import type { RuntimeOptions, StopOptions } from './runtime-options.js';
import { ServiceAddresses } from './service-addresses.js';

export type { RuntimeOptions, StopOptions } from './runtime-options.js';

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
  /** The config and services in force: replaced by a live reload. */
  private config: ExaplugConfig;
  private readonly services: ServiceSet;
  private started = false;
  private stopping: Promise<void> | undefined;
  readonly neighbors: NeighborTable;
  /** What happens inside, as typed events: logging, metrics, hooks and the control socket listen. */
  readonly events: RuntimeEvents;
  private readonly tablePolicy: NeighborTablePolicy;
  /** Log budgets: garbage from ExaBGP is worth a few lines a minute, session changes more. */
  private readonly allowUnreadableLog: (kind: string) => RepeatVerdict;
  private readonly drains: DrainControl;
  private readonly addresses: ServiceAddresses;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.neighbors = options.neighbors ?? new Map();
    const { config, clock, logger, sink } = options;
    this.tablePolicy = { keepPrefixes: new Set(options.services.flatMap((service) => service.receivedRoutes)) };
    this.allowUnreadableLog = createRepeatLimiter(clock, { burst: 10, windowMs: 60_000 });
    this.events = options.events ?? new RuntimeEvents((error, event) => logger.error({ err: error, event: event.type }, 'an event listener failed'));
    this.config = config;
    this.drains = new DrainControl(options.drains, clock);
    this.addresses = new ServiceAddresses(options.addresses, logger);
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
      onForgotten: (service) => this.services.runnerOf(service).forgetAnnouncement(),
      onWritten: () => this.readback.routesWritten(),
    });
    this.readback = new RouteReadback({
      session: this.session,
      desk: this.desk,
      clock,
      logger,
      events: this.events,
      owns: (prefix) => this.services.owns(prefix),
      intervalMs: config.exabgp.readBack.interval,
      delayMs: config.exabgp.readBack.delay,
    });
    this.services = new ServiceSet(options.services, (service, inherit) => this.createRunner(service, inherit));
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
    const ips = this.services.all.flatMap((service) => service.config.ips);
    void Promise.all([learned, this.addresses.setUp(ips)]).then(async ([, addressesReady]) => {
      if (this.stopping || !addressesReady) return;
      await this.withdrawStale();
      if (this.stopping) return;
      this.started = true;
      void this.tellKeptDrains();
      this.services.start();
      this.readback.start();
    });
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
    const owned = new Set(this.services.all.flatMap((service) => service.config.ips));
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
    const runners = names.map((name) => this.services.runnerOf(name));
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
      this.services.all.map((service) => service.config),
      prepared.map((service) => service.config),
      fingerprintOfGlobals(config) !== fingerprintOfGlobals(this.config),
    );
    this.config = config;
    for (const move of plan.moves) this.desk.transfer(move.prefixes, move.from, move.to);
    const replaced = this.services.replace(plan, prepared, (service, inherit) => this.createRunner(service, inherit));
    for (const service of prepared) if (plan.changed.includes(service.config.name)) this.desk.withdrawOutside(service.config.name, new Set(service.config.ips));
    for (const name of plan.removed) this.desk.withdrawOutside(name, new Set(), true);
    if (plan.added.length > 0) await this.addresses.add([...replaced.owned]);
    if (this.started && !this.stopping) this.services.start(replaced.starting);
    void this.addresses.release(replaced.released, () => this.session.drained(5000));
    await closeServices(replaced.closing);
    const summary = { kept: plan.kept, added: plan.added, changed: plan.changed, removed: plan.removed };
    this.events.emit({ type: 'configReloaded', ...summary });
    return summary;
  }

  /** Runs a service's check now (`exaplug recheck`). */
  recheck(name: string): Promise<void> {
    return this.services.runnerOf(name).checkNow();
  }

  get serviceNames(): string[] {
    return this.services.names;
  }

  /** Each service's state; a drained one with since when and by which verb. */
  get status(): ServiceStatus[] {
    return this.services.status.map((status) => {
      const drain = status.drained === false ? undefined : this.drains.factsOf(status.name);
      return drain ? { ...status, drain } : status;
    });
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
    this.services.stop();
    this.readback.stop();
    if (withdraw && this.config.onStop === 'withdraw') {
      this.desk.withdrawAll();
      await this.session.drained(maxWaitMs);
    }
    // Only after the withdraws (or with ExaBGP gone): an address removed while still
    // announced black-holes its traffic. `onStop: keep` keeps the routes, so the addresses too.
    if (this.config.onStop === 'withdraw') await this.addresses.removeAdded();
    await closeServices([...this.services.all]);
  }
}

export type { ReloadSummary } from './plan-reload.js';

/** A runner that has decided nothing yet. */
const emptyVerdict: RunnerVerdict = { state: initialHealthState, announced: undefined, announcedAtMs: undefined, target: undefined, lastResult: undefined };
